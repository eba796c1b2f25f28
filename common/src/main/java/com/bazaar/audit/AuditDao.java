package com.bazaar.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Writes audit rows and their hash chain; callers attach it to their own transaction with {@code @CreateSqlObject}.
 * The chain's head (table audit_chain, one row) is locked by the first statement of {@link #record} and stays locked
 * until the writing transaction commits, so rows get their ids and hashes in commit order and the chain has no gaps.
 * Lock order: a writer takes its level and catalog row locks before the chain head, and the feed clock after it.
 */
@RegisterConstructorMapper(AuditLog.class)
@RegisterConstructorMapper(ChainHead.class)
public interface AuditDao extends SqlObject {
    String COLUMNS = "id, timestamp, user_id, action_type, entity_type, entity_id, CAST(details AS text) AS details, hash";

    String FILTER = """
            WHERE (CAST(:f.entityType AS varchar) IS NULL OR entity_type = :f.entityType)
              AND (CAST(:f.entityId AS varchar) IS NULL OR entity_id = :f.entityId)
              AND (CAST(:f.userId AS varchar) IS NULL OR user_id = :f.userId)
              AND (CAST(:f.actionType AS varchar) IS NULL OR action_type = :f.actionType)
              AND (CAST(:f.startDate AS timestamptz) IS NULL OR timestamp >= :f.startDate)
              AND (CAST(:f.endDate AS timestamptz) IS NULL OR timestamp <= :f.endDate)
            """;

    /** Newest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM audit_logs " + FILTER + "ORDER BY timestamp DESC, id DESC LIMIT :limit OFFSET :offset")
    List<AuditLog> find(@BindMethods("f") AuditFilter filter, int limit, long offset);

    /** Matching rows, counted no further than {@code cap} and in the trail's order, as the ledger's report does. */
    @SqlQuery("SELECT count(*) FROM (SELECT FROM audit_logs " + FILTER + "ORDER BY timestamp DESC, id DESC LIMIT :cap) AS capped")
    long count(@BindMethods("f") AuditFilter filter, int cap);

    /**
     * The one way audit rows are written, in the caller's transaction and in their order: locks the chain head, hashes
     * the rows onto it and writes them with the new head, in two statements.
     */
    default void record(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ObjectMapper json = getHandle().getConfig(Jackson2Config.class).getMapper();
        int n = entries.size();
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            try {
                details[i] = json.writeValueAsString(entries.get(i).details());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("audit details of " + entries.get(i).entityId() + " are not JSON", e);
            }
        }
        LockedHead head = lockHead(details);
        long[] ids = new long[n];
        String[] userIds = new String[n];
        String[] actionTypes = new String[n];
        String[] entityTypes = new String[n];
        String[] entityIds = new String[n];
        String[] hashes = new String[n];
        String hash = head.hash();
        for (int i = 0; i < n; i++) {
            AuditEntry entry = entries.get(i);
            ids[i] = head.lastId() + 1 + i;
            userIds[i] = entry.userId();
            actionTypes[i] = entry.actionType();
            entityTypes[i] = entry.entityType();
            entityIds[i] = entry.entityId();
            hash = AuditChain.link(hash, new AuditLog(ids[i], head.at(), userIds[i], actionTypes[i], entityTypes[i],
                    entityIds[i], head.details()[i], null));
            hashes[i] = hash;
        }
        append(ids, head.at().toString(), userIds, actionTypes, entityTypes, entityIds, head.details(), hashes,
                ids[n - 1], hash);
    }

    /** The head, locked until commit; the transaction's time; and the details as PostgreSQL's jsonb text. */
    record LockedHead(long lastId, String hash, Instant at, String[] details) {
    }

    @SqlQuery("""
            SELECT c.last_id, c.hash, now() AS at,
                   ARRAY(SELECT CAST(CAST(d.value AS jsonb) AS text)
                         FROM unnest(CAST(:details AS text[])) WITH ORDINALITY AS d (value, position)
                         ORDER BY d.position) AS details
            FROM audit_chain c
            FOR UPDATE
            """)
    @RegisterConstructorMapper(LockedHead.class)
    LockedHead lockHead(String[] details);

    @SqlUpdate("""
            WITH head AS (UPDATE audit_chain SET last_id = :lastId, hash = :lastHash)
            INSERT INTO audit_logs (id, timestamp, user_id, action_type, entity_type, entity_id, details, hash)
            SELECT id, CAST(:at AS timestamptz), user_id, action_type, entity_type, entity_id, CAST(details AS jsonb), hash
            FROM unnest(CAST(:ids AS bigint[]), CAST(:userIds AS varchar[]), CAST(:actionTypes AS varchar[]),
                        CAST(:entityTypes AS varchar[]), CAST(:entityIds AS varchar[]), CAST(:details AS text[]),
                        CAST(:hashes AS varchar[]))
                 AS a (id, user_id, action_type, entity_type, entity_id, details, hash)
            """)
    void append(long[] ids, String at, String[] userIds, String[] actionTypes, String[] entityTypes,
                String[] entityIds, String[] details, String[] hashes, long lastId, String lastHash);

    @SqlQuery("SELECT last_id, hash FROM audit_chain")
    ChainHead head();

    /** Every row in chain order, fetched a page at a time (in a transaction: PostgreSQL's cursors need one). */
    @SqlQuery("SELECT " + COLUMNS + " FROM audit_logs ORDER BY id")
    @FetchSize(10_000)
    ResultIterator<AuditLog> inChainOrder();

    /** Verifies the whole chain in one snapshot, streaming. */
    @Transaction(value = TransactionIsolationLevel.REPEATABLE_READ, readOnly = true)
    default ChainVerification verify() {
        return verifyChain();
    }

    /** As {@link #verify}, in the caller's transaction (whose snapshot it reads). */
    default ChainVerification verifyChain() {
        ChainCheck check = new ChainCheck(head());
        try (ResultIterator<AuditLog> rows = inChainOrder()) {
            rows.forEachRemaining(check::accept);
        }
        return check.result();
    }
}
