package com.bazaar.audit;

import java.util.Map;

/** One audit row to write in a batch. */
public record AuditEntry(String userId, AuditAction action, String entityId, Map<String, ?> details) {

    public String actionType() {
        return action.name();
    }

    public String entityType() {
        return action.entityType();
    }
}
