package com.bazaar.audit;

import java.util.Map;
import org.jdbi.v3.json.Json;

/** One audit row to write in a batch. */
public record AuditEntry(String userId, AuditAction action, String entityId, @Json Map<String, ?> details) {

    public String actionType() {
        return action.name();
    }

    public String entityType() {
        return action.entityType();
    }
}
