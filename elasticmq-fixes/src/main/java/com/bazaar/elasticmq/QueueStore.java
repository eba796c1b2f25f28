package com.bazaar.elasticmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.Await;
import scala.util.Either;

/**
 * The durable side of the embedded queue: ElasticMQ's SQL message store on an H2 file under a data directory,
 * opened once the file is free, and the queues and messages it restores before the server's port opens.
 */
public final class QueueStore {
    private static final Logger LOG = LoggerFactory.getLogger(QueueStore.class);
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STORE_LOCK_PATIENCE = Duration.ofMinutes(2);
    /** ElasticMQ's SQL store keeps one connection pool per JVM: only one data directory per process. */
    private static String openedStore;

    private QueueStore() {
    }

    /**
     * ElasticMQ's SQL persistence on an H2 file, its messages written in group commits by a {@link GroupCommitStore}:
     * a send is answered only after it is committed, and {@code WRITE_DELAY=0} makes H2 write each commit to the file
     * at once (its default, 500 ms, would lose the last half second of acknowledged sends to a kill -9).
     * {@code RETENTION_TIME=0} lets H2 write over a dead chunk as soon as no version in use needs it. H2 keeps dead
     * chunks 45 s by default so that after a power loss, the operating system's last 30 s of writes perhaps lost, the
     * file still holds a consistent older version; the 1 s this store used before gave no such thing either, and a
     * kill -9 loses no completed write. That second kept a second of writes, over 100 MB with the store busy; with
     * {@link FileCompaction} the file stays near what it holds.
     * {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would close the database while the server still takes
     * sends, and ElasticMQ's store then acknowledges sends it no longer writes (found by ./bazaar chaos); the server
     * has to stop first.
     */
    public static ActorRef open(ActorSystem system, Path dataDirectory) {
        String uri = url(dataDirectory);
        synchronized (QueueStore.class) {
            if (openedStore != null && !openedStore.equals(uri)) {
                throw new IllegalStateException("this JVM's queue store is already open on " + openedStore);
            }
            openedStore = uri;
        }
        try {
            Files.createDirectories(dataDirectory);
            awaitUnlocked(dataDirectory.resolve("elasticmq.mv.db"), STORE_LOCK_PATIENCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", uri, "", "", false);
        scala.collection.immutable.List<CreateQueueMetadata> noQueuesFromConfig = scala.collection.immutable.List$.MODULE$.empty();
        return system.actorOf(GroupCommitStore.props(Props.create(SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(config, noQueuesFromConfig)), uri), "queue-store");
    }

    /**
     * Waits while another process holds the store's file lock: a queue process that is stopping compacts its H2 file
     * on close, which takes seconds for a large one, and H2 refuses to open a locked file ("The file is locked").
     * After {@code patience} it goes on, and H2's own error says what is wrong.
     */
    static void awaitUnlocked(Path file, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        boolean logged = false;
        while (Files.exists(file) && System.nanoTime() < deadline) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock != null) {
                    return;
                }
            }
            if (!logged) {
                LOG.info("{} is locked by another process (a queue server still stopping?); waiting up to {}", file, patience);
                logged = true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public static String url(Path dataDirectory) {
        return "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("elasticmq")
                + ";WRITE_DELAY=0;RETENTION_TIME=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Creates the stored queues again and loads their messages (FIFO ones fixed up, see {@link FifoRestoreFix}). */
    public static void restore(ActorSystem system, ActorRef store, ActorRef manager) {
        List<CompletionStage<Object>> pending = new CopyOnWriteArrayList<>();
        ActorRef restorer = system.actorOf(FifoRestoreFix.props(manager, pending), "fifo-restore-fix");
        try {
            Object restored = Await.result(Patterns.ask(store, new QueueEvent.Restore(restorer), RESTORE_TIMEOUT.toMillis()),
                    scala.concurrent.duration.Duration.create(RESTORE_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            if (restored instanceof Either<?, ?> result && result.isLeft()) {
                throw new IllegalStateException("ElasticMQ could not restore its queues: " + result);
            }
            for (CompletionStage<Object> queue : pending) {
                queue.toCompletableFuture().get(RESTORE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not restore the queues", e);
        } finally {
            system.stop(restorer);
        }
    }
}
