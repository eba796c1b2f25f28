package com.bazaar.service.inventory;

import com.bazaar.service.http.OpaqueCursor;
import jakarta.ws.rs.BadRequestException;

/**
 * A position in the change feed: the feed number of the last change a client has seen (0 before the first).
 * Opaque to clients: base64url of {@code f1:<seq>}.
 */
public record FeedCursor(long seq) {
    private static final String VERSION = "f1";
    static final FeedCursor START = new FeedCursor(0);

    public String encode() {
        return OpaqueCursor.encode(VERSION, seq);
    }

    /** @throws BadRequestException for anything this API did not hand out */
    public static FeedCursor decode(String cursor) {
        return OpaqueCursor.decode(cursor, VERSION, 1).filter(fields -> fields[0] >= 0).map(fields -> new FeedCursor(fields[0]))
                .orElseThrow(() -> new BadRequestException("after is not a cursor this API handed out: pass nextCursor as it came"));
    }
}
