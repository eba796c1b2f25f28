package com.bazaar.service.movement;

import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A position in the movement report's order (occurredAt, then ledger id, both descending): the last row of a page.
 * Opaque to clients: base64url of {@code v1:<occurredAt in epoch microseconds>:<ledger id>}.
 */
public record ReportCursor(Instant occurredAt, long ledgerId) {
    private static final String VERSION = "v1";

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(occurredAt.getEpochSecond(), 1_000_000L), occurredAt.getNano() / 1_000);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + ":" + micros + ":" + ledgerId)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** @throws BadRequestException for anything this API did not hand out */
    public static ReportCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("not a cursor");
            }
            long micros = Long.parseLong(parts[1]);
            long ledgerId = Long.parseLong(parts[2]);
            if (ledgerId < 1) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new ReportCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000), ledgerId);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BadRequestException("cursor is not one this API handed out: pass nextCursor as it came");
        }
    }
}
