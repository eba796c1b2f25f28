package com.bazaar.service.movement;

import com.bazaar.service.http.OpaqueCursor;
import jakarta.ws.rs.BadRequestException;
import java.time.Instant;

/**
 * A position in the movement report's order (occurredAt, then ledger id, both descending): the last row of a page.
 * Opaque to clients: base64url of {@code v1:<occurredAt in epoch microseconds>:<ledger id>}.
 */
public record ReportCursor(Instant occurredAt, long ledgerId) {
    private static final String VERSION = "v1";

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(occurredAt.getEpochSecond(), 1_000_000L), occurredAt.getNano() / 1_000);
        return OpaqueCursor.encode(VERSION, micros, ledgerId);
    }

    /** @throws BadRequestException for anything this API did not hand out */
    public static ReportCursor decode(String cursor) {
        return OpaqueCursor.decode(cursor, VERSION, 2).filter(fields -> fields[1] >= 1)
                .map(fields -> new ReportCursor(Instant.ofEpochSecond(Math.floorDiv(fields[0], 1_000_000L),
                        Math.floorMod(fields[0], 1_000_000L) * 1_000), fields[1]))
                .orElseThrow(() -> new BadRequestException("cursor is not one this API handed out: pass nextCursor as it came"));
    }
}
