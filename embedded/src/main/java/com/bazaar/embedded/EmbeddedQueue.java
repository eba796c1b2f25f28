package com.bazaar.embedded;

import com.bazaar.elasticmq.QueueStore;
import com.bazaar.elasticmq.ReplacementGuard;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.util.NowProvider;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import scala.Option;
import scala.concurrent.Await;

/**
 * An SQS-compatible ElasticMQ server in this JVM, listening on 127.0.0.1: in memory, or durable with ElasticMQ's
 * own SQL message store (an H2 file) under a data directory, restored before the port opens (see {@link QueueStore}).
 */
public final class EmbeddedQueue implements AutoCloseable {
    /** ElasticMQ accepts any credentials; these are what the dev stack and tests hand to the SDK. */
    public static final String ACCESS_KEY = "bazaar-local";
    public static final String SECRET_KEY = "bazaar-local";
    public static final String REGION = "us-east-1";
    public static final int MAX_RECEIVES_BEFORE_DEAD_LETTER = 5;

    /**
     * Pekko's scheduler wakes every tick whether or not anything is due: 100 a second at its default of 10 ms, most
     * of the idle queue server's CPU. Its timers here are long-poll timeouts, which may end up to a tick late.
     * A system property ({@code -Dpekko.scheduler.tick-duration=...}) still wins.
     */
    private static final Config ACTOR_SYSTEM = ConfigFactory.parseString("pekko.scheduler.tick-duration = 100ms");

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
        return start(ActorSystem.create("elasticmq", ConfigFactory.load(ACTOR_SYSTEM)), port, dataDirectory);
    }

    /** On a given actor system, whose {@code /user/queue-store} a test may then write to directly. */
    static EmbeddedQueue start(ActorSystem system, int port, Path dataDirectory) {
        try {
            ReplacementGuard.check();
            ActorRef store = dataDirectory == null ? null : QueueStore.open(system, dataDirectory);
            ActorRef manager = system.actorOf(Props.create(QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(store))),
                    "queue-manager");
            if (store != null) {
                QueueStore.restore(system, store, manager);
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
