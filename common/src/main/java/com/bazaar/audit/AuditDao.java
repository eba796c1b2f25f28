package com.bazaar.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Writes audit rows; callers attach it to their own transaction with {@code @CreateSqlObject}. */
@RegisterConstructorMapper(AuditLog.class)
public interface AuditDao extends SqlObject {
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

    /** The one way audit rows are written, in the caller's transaction, in one statement and in their order. */
    default void record(List<AuditEntry> entries) {
        ObjectMapper json = getHandle().getConfig(Jackson2Config.class).getMapper();
        int n = entries.size();
        String[] userIds = new String[n];
        String[] actionTypes = new String[n];
        String[] entityTypes = new String[n];
        String[] entityIds = new String[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            AuditEntry entry = entries.get(i);
            userIds[i] = entry.userId();
            actionTypes[i] = entry.actionType();
            entityTypes[i] = entry.entityType();
            entityIds[i] = entry.entityId();
            try {
                details[i] = json.writeValueAsString(entry.details());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("audit details of " + entry.entityId() + " are not JSON", e);
            }
        }
        recordColumns(userIds, actionTypes, entityTypes, entityIds, details);
    }

    @SqlUpdate("""
            INSERT INTO audit_logs (user_id, action_type, entity_type, entity_id, details)
            SELECT user_id, action_type, entity_type, entity_id, CAST(details AS jsonb)
            FROM unnest(CAST(:userIds AS varchar[]), CAST(:actionTypes AS varchar[]), CAST(:entityTypes AS varchar[]),
                        CAST(:entityIds AS varchar[]), CAST(:details AS text[]))
                 WITH ORDINALITY AS a (user_id, action_type, entity_type, entity_id, details, position)
            ORDER BY position
            """)
    void recordColumns(String[] userIds, String[] actionTypes, String[] entityTypes, String[] entityIds, String[] details);
}
