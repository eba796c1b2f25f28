package com.bazaar.movement;

import com.bazaar.queue.QueuedChange;
import java.time.Instant;
import java.util.UUID;

/**
 * A movement taken off the queue, with the identity and times the worker settled for it.
 *
 * @param expectedQuantity for a count, the level the counter expects to replace (compare-and-set); else null
 * @param acceptedAt when SQS received it (the service's enqueue, or another producer's send)
 * @param toStoreId  for a transfer as it came off the queue ({@code transfer_out}), the store the stock goes to; else null
 * @param transferId for a leg of a transfer (a ledger row), the transfer's id; else null
 * @param reservationId for an {@code out}, the hold it consumes; else null
 */
public record Movement(
        UUID movementId,
        long storeId,
        long productId,
        MovementType type,
        int quantity,
        Integer expectedQuantity,
        Instant occurredAt,
        String actor,
        String reason,
        MovementSource source,
        String requestId,
        Instant acceptedAt,
        Long toStoreId,
        UUID transferId,
        UUID reservationId) implements QueuedChange {

    /** A transfer as it came off the queue, before the worker split it into its two legs. */
    public boolean isTransfer() {
        return toStoreId != null;
    }

    /**
     * The signed change this movement makes, or would make, to the level it finds ({@code before}; null when it
     * never got to see one, being refused first). A count refused that way changes nothing.
     */
    public long delta(Long before) {
        if (before == null) {
            return type == MovementType.COUNT ? 0 : type.levelAfter(0, quantity);
        }
        return type.levelAfter(before, quantity) - before;
    }
}
