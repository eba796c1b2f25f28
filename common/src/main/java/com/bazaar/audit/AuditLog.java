package com.bazaar.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * An audit row as the API shows it; {@code details} is the stored JSON object, passed through as is, and {@code hash}
 * its link in the chain ({@link AuditChain}).
 */
public record AuditLog(long id, Instant timestamp, String userId, String actionType, String entityType, String entityId,
                       @JsonRawValue String details,
                       @Schema(description = "Hex SHA-256 over the previous row's hash and this row's canonical content "
                               + "(docs/API.md, \"Audit logs: the hash chain\")") String hash) {
}
