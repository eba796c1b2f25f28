package com.bazaar.elasticmq;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.msg.CreateQueue;
import org.elasticmq.msg.RestoreMessages;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;
import scala.util.Right;

/**
 * Works around elasticmq 1.6.14 DBMessage.toInternalMessage (isFifo = false, orderIndex = 0): handed to
 * SqlQueuePersistenceActor as the "queue manager" for QueueEvent.Restore, it forwards CreateQueue to the real
 * manager and gives back, as the queue actor, a one-shot proxy that marks restored messages of FIFO queues as FIFO
 * again (so they are ordered by creation, not by next-delivery time), breaks same-millisecond ties by sequence
 * number, and moves the FIFO sequence-number counter past the restored ones.
 */
final class FifoRestoreFix extends AbstractActor {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private record Created(ActorRef replyTo, Object reply, boolean fifo) {}

    private final ActorRef manager;
    private final List<java.util.concurrent.CompletionStage<Object>> pending;

    private FifoRestoreFix(ActorRef manager, List<java.util.concurrent.CompletionStage<Object>> pending) {
        this.manager = manager;
        this.pending = pending;
    }

    /** @param pending receives one stage per restored queue, completing when its queue actor has loaded the messages */
    static Props props(ActorRef manager, List<java.util.concurrent.CompletionStage<Object>> pending) {
        return Props.create(FifoRestoreFix.class, () -> new FifoRestoreFix(manager, pending));
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(CreateQueue.class, cq -> {
                    ActorRef replyTo = getSender();
                    boolean fifo = cq.request().isFifo();
                    Patterns.pipe(Patterns.ask(manager, cq, TIMEOUT).thenApply(r -> new Created(replyTo, r, fifo)),
                            getContext().getDispatcher()).to(getSelf());
                })
                .match(Created.class, c -> {
                    if (c.reply() instanceof Either<?, ?> e && e.isRight()) {
                        ActorRef queue = (ActorRef) e.toOption().get();
                        c.replyTo().tell(new Right<>(getContext().actorOf(Props.create(MessagesFix.class,
                                () -> new MessagesFix(queue, c.fifo(), pending)))), getSelf());
                    } else {
                        c.replyTo().tell(c.reply(), getSelf());
                    }
                })
                .build();
    }

    static final class MessagesFix extends AbstractActor {
        private final ActorRef queue;
        private final boolean fifo;
        private final List<java.util.concurrent.CompletionStage<Object>> pending;

        MessagesFix(ActorRef queue, boolean fifo, List<java.util.concurrent.CompletionStage<Object>> pending) {
            this.queue = queue;
            this.fifo = fifo;
            this.pending = pending;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().match(RestoreMessages.class, rm -> {
                RestoreMessages msg = fifo ? new RestoreMessages(fix(rm.messages())) : rm;
                pending.add(Patterns.ask(queue, msg, TIMEOUT));
                // SqlQueuePersistenceActor asks with a fixed 5 s timeout and gives up the whole Restore on expiry;
                // RestoreMessages is already in the queue actor's mailbox, ahead of any later request, so answer now
                getSender().tell(scala.runtime.BoxedUnit.UNIT, getSelf());
                getContext().stop(getSelf());
            }).build();
        }

        private static scala.collection.immutable.List<InternalMessage> fix(scala.collection.immutable.List<InternalMessage> messages) {
            List<InternalMessage> in = new ArrayList<>(CollectionConverters.asJava(messages));
            in.sort(Comparator.comparing(InternalMessage::created).thenComparingLong(FifoRestoreFix::seq));
            List<InternalMessage> out = new ArrayList<>(in.size());
            long maxSeq = -1;
            for (int i = 0; i < in.size(); i++) {
                InternalMessage m = in.get(i);
                maxSeq = Math.max(maxSeq, seq(m));
                out.add(m.copy(m.id(), m.deliveryReceipts(), m.nextDelivery(), m.content(), m.messageAttributes(),
                        m.created(), i, m.firstReceive(), m.receiveCount(), true, m.messageGroupId(),
                        m.messageDeduplicationId(), m.tracingId(), m.sequenceNumber(), m.deadLetterSourceQueueName()));
            }
            advanceSequenceNumber(maxSeq + 1);
            return CollectionConverters.asScala(out).toList();
        }
    }

    private static long seq(InternalMessage m) {
        return m.sequenceNumber().isDefined() ? Long.parseLong(m.sequenceNumber().get()) : Long.MAX_VALUE;
    }

    /** org.elasticmq.actor.queue.operations.SequenceNumber is a JVM-wide AtomicLong starting at 0 */
    private static void advanceSequenceNumber(long atLeast) {
        try {
            Class<?> c = Class.forName("org.elasticmq.actor.queue.operations.SequenceNumber$");
            Field f = c.getDeclaredField("current");
            f.setAccessible(true);
            ((AtomicLong) f.get(null)).accumulateAndGet(atLeast, Math::max);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot advance ElasticMQ's FIFO sequence number", e);
        }
    }
}
