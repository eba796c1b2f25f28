package com.bazaar.testing;

import com.bazaar.embedded.EmbeddedDatabase;
import com.bazaar.embedded.EmbeddedQueue;
import com.bazaar.queue.QueueConfiguration;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One embedded PostgreSQL and one ElasticMQ for a whole test JVM, started on first use on free ports and
 * stopped when the JVM exits. It points every Dropwizard configuration loaded in this JVM at them through
 * {@code dw.*} system properties (the application's role for service and worker, the owner for migrations, as
 * {@code ./bazaar up} does), and the AWS SDK's default credentials at ElasticMQ's.
 */
public final class SharedTestStack {
    public static final String QUEUE = QueueConfiguration.DEFAULT_QUEUE_NAME;
    public static final String DEAD_LETTER_QUEUE = QueueConfiguration.DEFAULT_DEAD_LETTER_QUEUE_NAME;

    private static SharedTestStack instance;

    private final EmbeddedDatabase database;
    private final EmbeddedQueue queue;

    private SharedTestStack(EmbeddedDatabase database, EmbeddedQueue queue) {
        this.database = database;
        this.queue = queue;
    }

    /** Starts the stack the first time; {@code firstStart} runs once after that (migrations, say). */
    public static synchronized SharedTestStack start(Runnable firstStart) {
        if (instance == null) {
            try {
                EmbeddedDatabase database = EmbeddedDatabase.start(null, 0);
                EmbeddedQueue queue = EmbeddedQueue.start(0);
                queue.createQueues(QUEUE, DEAD_LETTER_QUEUE);
                instance = new SharedTestStack(database, queue);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the embedded test stack", e);
            }
            System.setProperty("dw.database.url", instance.database.jdbcUrl());
            System.setProperty("dw.database.user", EmbeddedDatabase.APPLICATION_USER);
            System.setProperty("dw.database.password", "");
            System.setProperty("dw.migrations.user", EmbeddedDatabase.OWNER);
            System.setProperty("dw.migrations.password", "");
            System.setProperty("dw.queue.endpoint", instance.queue.endpoint().toString());
            System.setProperty("dw.queue.region", EmbeddedQueue.REGION);
            System.setProperty("aws.accessKeyId", EmbeddedQueue.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", EmbeddedQueue.SECRET_KEY);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-stack-shutdown"));
            firstStart.run();
        }
        return instance;
    }

    public EmbeddedDatabase database() {
        return database;
    }

    public EmbeddedQueue queue() {
        return queue;
    }

    /** The messages on the movement queue, waiting or in flight. */
    public long queued() {
        try (SqsClient sqs = queue.client()) {
            String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return attributes.values().stream().mapToLong(Long::parseLong).sum();
        }
    }

    private void stop() {
        try {
            queue.close();
            database.close();
        } catch (Exception e) {
            System.err.println("test stack did not stop cleanly: " + e);
        }
    }
}
