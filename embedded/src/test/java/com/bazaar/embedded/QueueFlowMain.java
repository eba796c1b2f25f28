package com.bazaar.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.elasticmq.DeduplicationId;
import org.elasticmq.MessageAttribute;
import org.elasticmq.NeverReceived$;
import org.elasticmq.StringMessageAttribute;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.actor.queue.OperationSuccessful$;
import org.elasticmq.actor.queue.QueueEvent;
import scala.Option;

/**
 * A durable embedded queue whose message store takes a flow of messages straight from this process, as the queue
 * actors hand it sends and deletes, without the HTTP in between. First {@code held} messages (bodies
 * {@code held-0}, {@code held-1} ...) that stay, then {@code flow} movement-like messages, each deleted once
 * {@code window} newer ones were sent; then it flows on in the same way until it is killed, so that a kill lands
 * in the middle of the store's writes. Prints {@value #FLOWING} once the held messages are stored and
 * {@value #FLOWED} with the time the first {@code flow} took. Exits when standard input closes. Arguments: data
 * directory, queue name, dead-letter queue name, held, flow, window.
 */
public final class QueueFlowMain {
    static final String FLOWING = "FLOWING";
    static final String FLOWED = "FLOWED";
    /**
     * Events the store is asked for at a time: about what the queue server has in flight under load (the service's
     * sends in batches of ten from 32 clients, the worker's batch deletes from 16 threads). It sets the size of the
     * store's group commits.
     */
    static final int IN_FLIGHT = 100;
    private static final int PRODUCTS = 100;

    private final ActorRef store;
    private final String queue;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicInteger notStored = new AtomicInteger();
    private final ActorRef answers;
    private long sequenceNumber;

    private QueueFlowMain(ActorSystem system, ActorRef store, String queue) {
        this.store = store;
        this.queue = queue;
        this.answers = system.actorOf(Props.create(Answers.class, () -> new Answers(inFlight, notStored)));
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int held = Integer.parseInt(args[3]);
        int flow = Integer.parseInt(args[4]);
        int window = Integer.parseInt(args[5]);
        exitWhenStandardInputCloses();
        ActorSystem system = ActorSystem.create("elasticmq");
        EmbeddedQueue.start(system, 0, data).createQueues(args[1], args[2]);
        ActorRef store = system.actorSelection("/user/queue-store").resolveOne(Duration.ofSeconds(10))
                .toCompletableFuture().get();
        QueueFlowMain messages = new QueueFlowMain(system, store, args[1]);
        for (int i = 0; i < held; i++) {
            messages.add("held-" + i, "held");
        }
        messages.awaitStored();
        System.out.println(FLOWING);

        long start = System.nanoTime();
        messages.flow(flow, window);
        messages.awaitStored();
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.printf("%s %d messages sent and deleted in %d ms (%d/s), %d events not stored%n", FLOWED, flow,
                millis, flow * 1000L / Math.max(1, millis), messages.notStored.get());
        messages.flow(Long.MAX_VALUE, window);
    }

    /** Standard input closes when the test that started this process is gone. */
    private static void exitWhenStandardInputCloses() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing to read, only the end
                }
            } catch (java.io.IOException e) {
                // ends the same way
            }
            System.exit(0);
        }, "standard-input-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private void flow(long count, int window) throws InterruptedException {
        Deque<String> undeleted = new ArrayDeque<>();
        for (long i = 0; i < count; i++) {
            undeleted.add(add(movement(i), String.valueOf(i % PRODUCTS)));
            if (undeleted.size() > window) {
                remove(undeleted.poll());
            }
        }
        while (!undeleted.isEmpty()) {
            remove(undeleted.poll());
        }
    }

    private static String movement(long n) {
        return """
                {"movementId":"%s","storeId":1,"productId":%d,"type":"in","quantity":%d,"occurredAt":"%s","actor":"disk-test"}"""
                .formatted(UUID.randomUUID(), n % PRODUCTS + 1, n % 50 + 1, Instant.now());
    }

    private String add(String body, String group) throws InterruptedException {
        String id = UUID.randomUUID().toString();
        var attributes = new scala.collection.immutable.Map.Map2<String, MessageAttribute>(
                "source", new StringMessageAttribute("API", Option.empty()),
                "requestId", new StringMessageAttribute(UUID.randomUUID().toString(), Option.empty()));
        long sequence = sequenceNumber++;
        InternalMessage message = InternalMessage.apply(id, new scala.collection.mutable.ListBuffer<>(),
                System.currentTimeMillis(), body, attributes, OffsetDateTime.now(), (int) sequence, NeverReceived$.MODULE$,
                0, true, Option.apply(group), Option.apply(new DeduplicationId(id)), Option.empty(),
                Option.apply(String.valueOf(sequence)), Option.empty());
        write(new QueueEvent.MessageAdded(queue, message));
        return id;
    }

    private void remove(String messageId) throws InterruptedException {
        write(new QueueEvent.MessageRemoved(queue, messageId));
    }

    private void write(QueueEvent event) throws InterruptedException {
        inFlight.acquire();
        store.tell(event, answers);
    }

    private void awaitStored() throws InterruptedException {
        inFlight.acquire(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
    }

    /** Takes the store's answers: an ask per event would cost more than the store's write of it. */
    private static final class Answers extends AbstractActor {
        private final Semaphore inFlight;
        private final AtomicInteger notStored;

        Answers(Semaphore inFlight, AtomicInteger notStored) {
            this.inFlight = inFlight;
            this.notStored = notStored;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().matchAny(answer -> {
                if (answer != OperationSuccessful$.MODULE$) {
                    notStored.incrementAndGet();
                }
                inFlight.release();
            }).build();
        }
    }
}
