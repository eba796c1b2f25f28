package com.bazaar.queue;

import java.time.Instant;

/**
 * A message of the movements queue as the worker settled it (a {@link com.bazaar.movement.Movement} or a
 * {@link com.bazaar.reservation.HoldRequest}): a change asked of one store's stock of one product.
 */
public interface QueuedChange {
    long storeId();

    long productId();

    /** The request id it came with, if any (the service's {@code X-Request-Id}). */
    String requestId();

    /** When SQS received it. */
    Instant acceptedAt();
}
