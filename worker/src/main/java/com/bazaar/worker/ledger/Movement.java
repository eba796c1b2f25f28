package com.bazaar.worker.ledger;

import com.bazaar.movement.MovementType;
import java.time.Instant;
import java.util.UUID;

/** A movement taken off the queue, with the identity and times the worker settled for it. */
public record Movement(
        UUID movementId,
        long storeId,
        long productId,
        MovementType type,
        int quantity,
        Instant occurredAt,
        String actor,
        String reason,
        String source,
        String requestId,
        Instant acceptedAt) {
}
