package com.bazaar.movement;

import java.time.Instant;
import java.util.UUID;

/**
 * A movement taken off the queue, with the identity and times the worker settled for it.
 *
 * @param acceptedAt when SQS received it (the service's enqueue, or another producer's send)
 */
public record Movement(
        UUID movementId,
        long storeId,
        long productId,
        MovementType type,
        int quantity,
        Instant occurredAt,
        String actor,
        String reason,
        MovementSource source,
        String requestId,
        Instant acceptedAt) {

    /** The signed change this movement makes to the stock on hand, if applied. */
    public int delta() {
        return type.delta(quantity);
    }
}
