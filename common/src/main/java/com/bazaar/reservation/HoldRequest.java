package com.bazaar.reservation;

import com.bazaar.movement.MovementSource;
import com.bazaar.queue.QueuedChange;
import java.time.Instant;
import java.util.UUID;

/**
 * A message about a hold taken off the queue, with the identity and times the worker settled for it.
 *
 * @param quantity   for a {@code reserve}; 0 for a {@code release}
 * @param expiresAt  for a {@code reserve}; null for a {@code release}
 * @param acceptedAt when SQS received it (the service's enqueue, or another producer's send)
 */
public record HoldRequest(HoldType type, UUID reservationId, long storeId, long productId, int quantity,
                          Instant expiresAt, String reference, String actor, MovementSource source, String requestId,
                          Instant acceptedAt) implements QueuedChange {
}
