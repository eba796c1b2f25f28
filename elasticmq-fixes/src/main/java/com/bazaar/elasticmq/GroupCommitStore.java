package com.bazaar.elasticmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.elasticmq.actor.queue.OperationSuccessful$;
import org.elasticmq.actor.queue.QueueEvent;

/**
 * The embedded queue's message store: writes what happens to messages (added, removed) to ElasticMQ's H2 tables in
 * group commits, and answers each queue actor only once its event is committed. What a receive changes (receive
 * count, visibility) is not stored, which halves the writes: after a crash messages come back visible at once
 * (consumers tolerate redelivery) and receive counts start again from 0. Queue
 * events and the restore go to ElasticMQ's own {@code SqlQueuePersistenceActor}, given as {@code queues}.
 *
 * <p>Why not ElasticMQ's store alone: it commits every event on its own (an H2 chunk written per message, about a
 * third of the queue server's CPU under load), and two of its behaviours break "acknowledged means stored":
 * <ul>
 *     <li>A FIFO resend (same deduplication id) is answered at once from memory, even while the first copy's write
 *     is pending or has failed. Here every added message stays {@linkplain #isUnconfirmed unconfirmed} until its
 *     commit, and the replacement {@code FifoDeduplicationIdsHistory} treats a resend of an unconfirmed message as a
 *     new one, acknowledged after its own commit. The price is a possible duplicate delivery in that case, which
 *     consumers tolerate anyway (the worker is idempotent on the movement id); never a loss.</li>
 *     <li>A store that throws is restarted by Pekko with no queue repositories and from then on answers every write
 *     as successful without writing it. Here a failed write is answered with a failure (the client is not
 *     acknowledged and retries) and the next one starts on a new connection.</li>
 * </ul>
 */
public final class GroupCommitStore extends AbstractActor {
    /** Events committed together at most; whatever arrives during a commit goes into the next one. */
    private static final int MAX_GROUP = 1_000;
    private static final Set<String> UNCONFIRMED = ConcurrentHashMap.newKeySet();

    private final ActorRef queues;
    private final MessageTables tables;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "queue-store-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Pending> waiting = new ArrayList<>();
    private boolean committing;

    private record Pending(QueueEvent event, ActorRef replyTo) {
    }

    private record Committed(List<Pending> group, List<Boolean> written) {
    }

    private GroupCommitStore(Props queues, String jdbcUrl) {
        this.queues = getContext().actorOf(queues, "queues");
        this.tables = new MessageTables(jdbcUrl);
    }

    static Props props(Props queues, String jdbcUrl) {
        return Props.create(GroupCommitStore.class, () -> new GroupCommitStore(queues, jdbcUrl));
    }

    /** Whether the message with this ElasticMQ id was added but is not (yet) known to be committed. */
    public static boolean isUnconfirmed(String messageId) {
        return UNCONFIRMED.contains(messageId);
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(QueueEvent.MessageAdded.class, added -> {
                    UNCONFIRMED.add(added.message().id());
                    write(added);
                })
                .match(QueueEvent.MessageUpdated.class, updated -> getSender().tell(OperationSuccessful$.MODULE$, getSelf()))
                .match(QueueEvent.MessageRemoved.class, this::write)
                .match(Committed.class, this::answer)
                .matchAny(event -> queues.forward(event, getContext()))
                .build();
    }

    @Override
    public void postStop() {
        writer.shutdown();
        tables.close();
    }

    private void write(QueueEvent event) {
        waiting.add(new Pending(event, getSender()));
        if (!committing) {
            commitWaiting();
        }
    }

    private void commitWaiting() {
        List<Pending> group = new ArrayList<>(waiting.subList(0, Math.min(MAX_GROUP, waiting.size())));
        waiting.subList(0, group.size()).clear();
        committing = true;
        ActorRef self = getSelf();
        List<QueueEvent> events = group.stream().map(Pending::event).toList();
        CompletableFuture.supplyAsync(() -> tables.write(events), writer)
                .whenComplete((written, failure) -> self.tell(new Committed(group,
                        failure == null ? written : events.stream().map(e -> false).toList()), ActorRef.noSender()));
    }

    private void answer(Committed committed) {
        for (int i = 0; i < committed.group().size(); i++) {
            Pending pending = committed.group().get(i);
            if (committed.written().get(i)) {
                if (pending.event() instanceof QueueEvent.MessageAdded added) {
                    UNCONFIRMED.remove(added.message().id());
                }
                pending.replyTo().tell(OperationSuccessful$.MODULE$, getSelf());
            } else {
                pending.replyTo().tell(new Status.Failure(new IllegalStateException("not stored: " + pending.event())),
                        getSelf());
            }
        }
        committing = false;
        if (!waiting.isEmpty()) {
            commitWaiting();
        }
    }
}
