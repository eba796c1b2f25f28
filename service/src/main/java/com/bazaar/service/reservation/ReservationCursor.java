package com.bazaar.service.reservation;

import com.bazaar.reservation.ReservationView;
import com.bazaar.service.http.OpaqueCursor;
import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.util.UUID;

/**
 * A position in a store's list of holds (createdAt, then id, both descending): the last row of a page. Opaque to
 * clients: base64url of {@code r1:<createdAt in epoch microseconds>:<id's high bits>:<id's low bits>}.
 */
record ReservationCursor(Instant createdAt, UUID id) {
    private static final String VERSION = "r1";

    static ReservationCursor after(ReservationView last) {
        return new ReservationCursor(last.createdAt(), last.id());
    }

    String encode() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        return OpaqueCursor.encode(VERSION, micros, id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /** @throws BadRequestException for anything this API did not hand out */
    static ReservationCursor decode(String cursor) {
        return OpaqueCursor.decode(cursor, VERSION, 3)
                .map(fields -> new ReservationCursor(Instant.ofEpochSecond(Math.floorDiv(fields[0], 1_000_000L),
                        Math.floorMod(fields[0], 1_000_000L) * 1_000), new UUID(fields[1], fields[2])))
                .orElseThrow(() -> new BadRequestException("cursor is not one this API handed out: pass nextCursor as it came"));
    }
}
