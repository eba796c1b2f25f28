package org.elasticmq.actor.queue;

import com.bazaar.elasticmq.ReplacesUpstream;

/**
 * Shadows ElasticMQ 1.6.14's companion object {@code MessageQueue$} (its only member is {@code apply(boolean)},
 * called by QueueActorStorage) so FIFO queues get {@link RotatingFifoMessageQueue}. Remove when upgrading ElasticMQ.
 */
@ReplacesUpstream
public final class MessageQueue$ {
    public static final MessageQueue$ MODULE$ = new MessageQueue$();

    private MessageQueue$() {
    }

    public MessageQueue apply(boolean isFifo) {
        return isFifo ? new RotatingFifoMessageQueue() : new MessageQueue.SimpleMessageQueue();
    }
}
