package com.bazaar.audit;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Writes audit rows; callers attach it to their own transaction with {@code @CreateSqlObject}. */
public interface AuditDao {
    @SqlUpdate("""
            INSERT INTO audit_logs (user_id, action_type, entity_type, entity_id, details)
            VALUES (:userId, :action.name, :action.entityType, :entityId, CAST(:details AS jsonb))
            """)
    void record(String userId, @BindMethods("action") AuditAction action, String entityId, @Json Map<String, ?> details);

    @SqlBatch("""
            INSERT INTO audit_logs (user_id, action_type, entity_type, entity_id, details)
            VALUES (:userId, :actionType, :entityType, :entityId, CAST(:details AS jsonb))
            """)
    void recordAll(@BindMethods List<AuditEntry> entries);
}
