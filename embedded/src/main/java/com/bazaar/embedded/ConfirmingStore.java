package com.bazaar.embedded;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.OneForOneStrategy;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.apache.pekko.actor.SupervisorStrategy;
import org.apache.pekko.japi.pf.DeciderBuilder;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.actor.queue.QueueEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between ElasticMQ's queue actors and its SQL message store so that the queue acknowledges a send only once
 * the message is written. Two ElasticMQ 1.6.14 behaviours break that promise, and this actor closes both:
 * <ul>
 *     <li>A FIFO resend (same deduplication id) is answered at once from memory, even while the first copy's write
 *     is still pending or has failed: a client that timed out and retried got an acknowledgement for a message only
 *     in memory. Here every added message stays {@linkplain #isUnconfirmed unconfirmed} until the store answers, and
 *     the replacement {@code FifoDeduplicationIdsHistory} treats a resend of an unconfirmed message as a new one,
 *     which is then acknowledged after its own write. The cost is a possible duplicate delivery in that rare case,
 *     which consumers must tolerate anyway (the worker is idempotent on the movement id); never a loss.</li>
 *     <li>A store that throws is restarted by Pekko's default supervision with no queue repositories, and from then
 *     on answers every write as successful without writing it. Here the store is resumed instead: the failed event
 *     gets no answer (its sender's ask times out and the client is not acknowledged) and the store keeps working.</li>
 * </ul>
 */
public final class ConfirmingStore extends AbstractActor {
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmingStore.class);
    /** Longer than any write takes; after it the message simply stays unconfirmed. */
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(5);
    private static final Set<String> UNCONFIRMED = ConcurrentHashMap.newKeySet();

    private final ActorRef store;

    private ConfirmingStore(Props store) {
        this.store = getContext().actorOf(store, "sql");
    }

    static Props props(Props store) {
        return Props.create(ConfirmingStore.class, () -> new ConfirmingStore(store));
    }

    /** Whether the message with this ElasticMQ id was added but its write is not (yet) known to have succeeded. */
    public static boolean isUnconfirmed(String messageId) {
        return UNCONFIRMED.contains(messageId);
    }

    @Override
    public SupervisorStrategy supervisorStrategy() {
        return new OneForOneStrategy(DeciderBuilder.match(Exception.class, e -> {
            LOG.error("The queue's message store failed an operation; it goes on, the operation is not acknowledged", e);
            return SupervisorStrategy.resume();
        }).build());
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(QueueEvent.MessageAdded.class, this::add)
                .matchAny(event -> store.forward(event, getContext()))
                .build();
    }

    private void add(QueueEvent.MessageAdded added) {
        String id = added.message().id();
        UNCONFIRMED.add(id);
        ActorRef queue = getSender();
        Patterns.ask(store, added, WRITE_TIMEOUT).whenComplete((answer, failure) -> {
            if (failure == null) {
                UNCONFIRMED.remove(id);
                queue.tell(answer, ActorRef.noSender());
            } else {
                queue.tell(new Status.Failure(failure), ActorRef.noSender());
            }
        });
    }
}
