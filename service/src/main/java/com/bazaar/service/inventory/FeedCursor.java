package com.bazaar.service.inventory;

import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in the change feed: the feed number of the last change a client has seen (0 before the first).
 * Opaque to clients: base64url of {@code f1:<seq>}.
 */
public record FeedCursor(long seq) {
    private static final String VERSION = "f1";
    static final FeedCursor START = new FeedCursor(0);

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws BadRequestException for anything this API did not hand out */
    public static FeedCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != 2 || !parts[0].equals(VERSION) || Long.parseLong(parts[1]) < 0) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new FeedCursor(Long.parseLong(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("after is not a cursor this API handed out: pass nextCursor as it came");
        }
    }
}
