package com.bazaar.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The audit log's hash chain: each row's {@code hash} is hex SHA-256 over the previous row's hash followed by this
 * row's canonical content, rows taken in id order (ids are given in commit order, see migration 010). The first row's
 * previous hash is {@link #GENESIS}.
 *
 * <p>The canonical content is each of id, timestamp, user id, action type, entity type, entity id and details, in that
 * order, written as {@code <length in UTF-8 bytes>:<text>\n}, so no value can run into the next. The timestamp is UTC
 * with exactly six fraction digits (PostgreSQL keeps microseconds); details are PostgreSQL's own text of the jsonb
 * value ({@code CAST(details AS text)}: keys sorted, one spacing), which is what the database gives back for it.
 * Migration 010 computes the same in SQL for the rows that existed before the chain.
 */
public final class AuditChain {
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditChain() {
    }

    /** This row's hash, following {@code previousHash}; the row's own {@code hash} is not part of it. */
    public static String link(String previousHash, AuditLog row) {
        return link(previousHash, canonical(row.id(), row.timestamp(), row.userId(), row.actionType(),
                row.entityType(), row.entityId(), row.details()));
    }

    static String link(String previousHash, String canonicalContent) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previousHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(canonicalContent.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** @param details the jsonb value as PostgreSQL writes it */
    public static String canonical(long id, Instant timestamp, String userId, String actionType, String entityType,
                                   String entityId, String details) {
        StringBuilder content = new StringBuilder();
        for (String field : new String[] {Long.toString(id), TIMESTAMP.format(timestamp), userId, actionType,
                entityType, entityId, details}) {
            content.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append('\n');
        }
        return content.toString();
    }
}
