package com.bazaar.service.tier;

import com.bazaar.movement.MovementMessage;
import com.bazaar.service.movement.MovementPublisher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The queue of the resource tier: keeps what it is given, or fails every publication while {@link #down()}. */
public final class FakePublisher implements MovementPublisher {
    private final List<MovementMessage> published = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    @Override
    public CompletableFuture<Void> publish(MovementMessage message, String requestId) {
        return publishInOrder(List.of(message), requestId);
    }

    @Override
    public CompletableFuture<Void> publishInOrder(List<MovementMessage> messages, String requestId) {
        if (down) {
            return CompletableFuture.failedFuture(new IllegalStateException("queue unreachable (fake)"));
        }
        published.addAll(messages);
        return CompletableFuture.completedFuture(null);
    }

    public List<MovementMessage> published() {
        return published;
    }

    public void down() {
        down = true;
    }

    public void reset() {
        published.clear();
        down = false;
    }
}
