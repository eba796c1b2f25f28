package com.bazaar.reservation;

import java.time.Instant;
import java.util.UUID;

/**
 * A hold as the API shows it, once the worker has decided about it.
 *
 * @param createdAt  when it was accepted (the service's 202, or SQS for other producers)
 * @param appliedAt  when the worker made it active or rejected it
 * @param endedAt    when it was consumed, released or expired; else null
 * @param movementId the {@code out} movement that consumed it; else null
 */
public record ReservationView(UUID id, ReservationStatus status, long storeId, long productId, int quantity,
                              String reference, Instant expiresAt, Instant createdAt, Instant appliedAt, Instant endedAt,
                              String rejectionReason, UUID movementId) {
}
