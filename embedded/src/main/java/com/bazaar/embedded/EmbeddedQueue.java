package com.bazaar.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.util.NowProvider;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import scala.Option;
import scala.concurrent.Await;
import scala.util.Either;

/**
 * An SQS-compatible ElasticMQ server in this JVM, listening on 127.0.0.1: in memory, or durable with ElasticMQ's
 * own SQL message store (an H2 file) under a data directory, restored before the port opens.
 */
public final class EmbeddedQueue implements AutoCloseable {
    /** ElasticMQ accepts any credentials; these are what the dev stack and tests hand to the SDK. */
    public static final String ACCESS_KEY = "bazaar-local";
    public static final String SECRET_KEY = "bazaar-local";
    public static final String REGION = "us-east-1";
    public static final int MAX_RECEIVES_BEFORE_DEAD_LETTER = 5;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQueue.class);
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STORE_LOCK_PATIENCE = Duration.ofMinutes(2);
    /** ElasticMQ's SQL store keeps one connection pool per JVM: only one data directory per process. */
    private static String openedStore;

    private final ActorSystem system;
    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedQueue(ActorSystem system, SQSRestServer server, URI endpoint) {
        this.system = system;
        this.server = server;
        this.endpoint = endpoint;
    }

    /** An in-memory server. @param port 0 for any free port */
    public static EmbeddedQueue start(int port) {
        return start(port, null);
    }

    /**
     * @param port          0 for any free port
     * @param dataDirectory where queues and messages are kept across restarts; null to keep them in memory
     */
    public static EmbeddedQueue start(int port, Path dataDirectory) {
        ActorSystem system = ActorSystem.create("elasticmq");
        try {
            ActorRef store = dataDirectory == null ? null : messageStore(system, dataDirectory);
            ActorRef manager = system.actorOf(Props.create(QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(store))),
                    "queue-manager");
            if (store != null) {
                restore(system, store, manager);
            }
            var builder = SQSRestServerBuilder.withActorSystem(system).withQueueManagerActor(manager)
                    .withInterface("127.0.0.1");
            builder = port == 0
                    ? builder.withDynamicPort()
                    : builder.withPort(port).withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""));
            SQSRestServer server = builder.start();
            int bound = server.waitUntilStarted().localAddress().getPort();
            return new EmbeddedQueue(system, server, URI.create("http://127.0.0.1:" + bound));
        } catch (RuntimeException | Error e) {
            system.terminate();
            throw e;
        }
    }

    /**
     * ElasticMQ's SQL persistence on an H2 file, its messages written in group commits by a {@link GroupCommitStore}:
     * a send is answered only after it is committed, and {@code WRITE_DELAY=0} makes H2 write each commit to the file
     * at once (its default, 500 ms, would lose the last half second of acknowledged sends to a kill -9); {@code RETENTION_TIME} keeps the
     * append-only file from growing by a chunk per message. {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook
     * would close the database while the server still takes sends, and ElasticMQ's store then acknowledges
     * sends it no longer writes (found by ./bazaar chaos); the server stops first in {@link #close()}.
     */
    private static ActorRef messageStore(ActorSystem system, Path dataDirectory) {
        String uri = storeUrl(dataDirectory);
        synchronized (EmbeddedQueue.class) {
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

    static String storeUrl(Path dataDirectory) {
        return "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("elasticmq")
                + ";WRITE_DELAY=0;RETENTION_TIME=1000;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Creates the stored queues again and loads their messages (FIFO ones fixed up, see {@link FifoRestoreFix}). */
    private static void restore(ActorSystem system, ActorRef store, ActorRef manager) {
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

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Creates the movement queue and its dead-letter queue (FIFO when the names end in .fifo), with a
     * redrive policy after {@value #MAX_RECEIVES_BEFORE_DEAD_LETTER} receives. Existing queues are kept.
     */
    public void createQueues(String queueName, String deadLetterQueueName) {
        try (SqsClient sqs = client()) {
            createQueues(sqs, queueName, deadLetterQueueName);
        }
    }

    /** The same queues through any SQS client (LocalStack, say), as localstack/init/01-create-queues.sh does. */
    public static void createQueues(SqsClient sqs, String queueName, String deadLetterQueueName) {
        String dlqUrl = sqs.createQueue(r -> r.queueName(deadLetterQueueName)
                .attributes(fifoAttributes(deadLetterQueueName))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> attributes = new HashMap<>(fifoAttributes(queueName));
        attributes.put(QueueAttributeName.REDRIVE_POLICY, """
                {"maxReceiveCount":"%d","deadLetterTargetArn":"%s"}"""
                .formatted(MAX_RECEIVES_BEFORE_DEAD_LETTER, dlqArn));
        sqs.createQueue(r -> r.queueName(queueName).attributes(attributes));
    }

    private static Map<QueueAttributeName, String> fifoAttributes(String queueName) {
        return queueName.endsWith(".fifo") ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
    }

    /** A client for this server; the caller closes it. */
    public SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        server.stopAndWait();
        system.terminate();
        try {
            Await.result(system.whenTerminated(), scala.concurrent.duration.Duration.create(1, TimeUnit.MINUTES));
        } catch (Exception e) {
            throw new IllegalStateException("the queue server did not stop", e);
        }
    }
}
