package com.bazaar.service.movement;

import com.bazaar.queue.QueueMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where accepted movements and holds go: the queue in production ({@link SqsMovementPublisher}), a fake in resource tests. */
public interface MovementPublisher {
    /** Completes when the queue has the message; fails when the queue cannot be reached. */
    CompletableFuture<Void> publish(QueueMessage message, String requestId);

    /**
     * Completes when the queue has them all, in the list's order (so the movements of one store and product keep it
     * on a FIFO queue); fails at the first message the queue did not take, leaving the ones before it on the queue (a
     * retry under the same movement ids is deduplicated).
     */
    CompletableFuture<Void> publishInOrder(List<? extends QueueMessage> messages, String requestId);
}
