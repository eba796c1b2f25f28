package com.bazaar.audit;

import java.time.Instant;

/** The audit-log query's filters; a null filter matches everything. Dates bound the timestamp, inclusive. */
public record AuditFilter(String entityType, String entityId, String userId, String actionType, Instant startDate,
                          Instant endDate) {
}
