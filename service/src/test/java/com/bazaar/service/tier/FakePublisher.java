package com.bazaar.service.tier;

import com.bazaar.queue.QueueMessage;
import com.bazaar.service.movement.MovementPublisher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The queue of the resource tier: keeps what it is given, or fails every publication while {@link #down()}. */
public final class FakePublisher implements MovementPublisher {
    private final List<QueueMessage> published = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    @Override
    public CompletableFuture<Void> publish(QueueMessage message, String requestId) {
        return publishInOrder(List.of(message), requestId);
    }

    @Override
    public CompletableFuture<Void> publishInOrder(List<? extends QueueMessage> messages, String requestId) {
        if (down) {
            return CompletableFuture.failedFuture(new IllegalStateException("queue unreachable (fake)"));
        }
        published.addAll(messages);
        return CompletableFuture.completedFuture(null);
    }

    public List<QueueMessage> published() {
        return published;
    }

    /** The messages of one kind, in the order they were given. */
    public <T extends QueueMessage> List<T> published(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void down() {
        down = true;
    }

    public void reset() {
        published.clear();
        down = false;
    }
}
