package com.bazaar.audit;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Writes audit rows; callers attach it to their own transaction with {@code @CreateSqlObject}. */
@RegisterConstructorMapper(AuditLog.class)
public interface AuditDao {
    String FILTER = """
            WHERE (CAST(:f.entityType AS varchar) IS NULL OR entity_type = :f.entityType)
              AND (CAST(:f.entityId AS varchar) IS NULL OR entity_id = :f.entityId)
              AND (CAST(:f.userId AS varchar) IS NULL OR user_id = :f.userId)
              AND (CAST(:f.actionType AS varchar) IS NULL OR action_type = :f.actionType)
              AND (CAST(:f.startDate AS timestamptz) IS NULL OR timestamp >= :f.startDate)
              AND (CAST(:f.endDate AS timestamptz) IS NULL OR timestamp <= :f.endDate)
            """;

    /** Newest first. */
    @SqlQuery("SELECT id, timestamp, user_id, action_type, entity_type, entity_id, CAST(details AS text) AS details "
            + "FROM audit_logs " + FILTER + "ORDER BY timestamp DESC, id DESC LIMIT :limit OFFSET :offset")
    List<AuditLog> find(@BindMethods("f") AuditFilter filter, int limit, long offset);

    /** Matching rows, counted no further than {@code cap} and in the trail's order, as the ledger's report does. */
    @SqlQuery("SELECT count(*) FROM (SELECT FROM audit_logs " + FILTER + "ORDER BY timestamp DESC, id DESC LIMIT :cap) AS capped")
    long count(@BindMethods("f") AuditFilter filter, int cap);

    /** The one way audit rows are written, in the caller's transaction. */
    @SqlBatch("""
            INSERT INTO audit_logs (user_id, action_type, entity_type, entity_id, details)
            VALUES (:userId, :actionType, :entityType, :entityId, CAST(:details AS jsonb))
            """)
    void record(@BindMethods List<AuditEntry> entries);
}
