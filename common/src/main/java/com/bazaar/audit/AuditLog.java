package com.bazaar.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/** An audit row as the API shows it; {@code details} is the stored JSON object, passed through as is. */
public record AuditLog(long id, Instant timestamp, String userId, String actionType, String entityType, String entityId,
                       @JsonRawValue String details) {
}
