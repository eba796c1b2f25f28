package com.bazaar.service.movement;

import com.bazaar.queue.QueueMessage;
import java.util.ArrayList;
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

    /**
     * As {@link #publishInOrder}, keeping only each message group's order (one store and product): the groups are
     * spread over {@code lanes} lists sent side by side, so a file of 100,000 rows is not 10,000 calls one after the
     * other. Fails if any lane fails; the other lanes' messages may be on the queue.
     */
    default CompletableFuture<Void> publishInGroupOrder(List<? extends QueueMessage> messages, String requestId, int lanes) {
        List<List<QueueMessage>> lists = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            lists.add(new ArrayList<>());
        }
        messages.forEach(message -> lists.get(Math.floorMod(message.messageGroupId().hashCode(), lanes)).add(message));
        return CompletableFuture.allOf(lists.stream().filter(list -> !list.isEmpty())
                .map(list -> publishInOrder(list, requestId)).toArray(CompletableFuture[]::new));
    }
}
