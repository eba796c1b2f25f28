package com.bazaar.worker;

import com.bazaar.service.ServiceTestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The worker as the tests run it: config.yml on the shared embedded stack with the service's test users (its admin
 * tasks need an admin), short polls so it stops quickly.
 */
public final class WorkerTestApp {
    private WorkerTestApp() {
    }

    /** @param more overrides applied after the defaults below, so they win (other queues, a short backlog bound) */
    public static DropwizardAppExtension<WorkerConfiguration> extension(ConfigOverride... more) {
        ServiceTestApp.startStack();
        return new DropwizardAppExtension<>(BazaarWorkerApplication.class, ServiceTestApp.CONFIG, ServiceTestApp.testConfig(),
                Stream.of(Stream.of(ConfigOverride.config("worker.server.adminConnectors[0].port", "0"),
                        ConfigOverride.config("worker.consumer.waitTime", "1s")), Arrays.stream(ServiceTestApp.bothProcesses()),
                        Arrays.stream(more)).flatMap(s -> s).toArray(ConfigOverride[]::new));
    }

    /**
     * The worker on a queue and dead-letter queue of the test's own, created here on the shared stack, so that
     * what the test counts, dead-letters or leaves behind is its alone; {@code more} as in {@link #extension}.
     */
    public static DropwizardAppExtension<WorkerConfiguration> extensionOnQueues(String queueName, String deadLetterQueueName,
                                                                                ConfigOverride... more) {
        ServiceTestApp.startStack().queue().createQueues(queueName, deadLetterQueueName);
        return extension(Stream.concat(Stream.of(ConfigOverride.config("queue.queueName", queueName),
                ConfigOverride.config("queue.deadLetterQueueName", deadLetterQueueName)), Arrays.stream(more))
                .toArray(ConfigOverride[]::new));
    }

    public static SqsClient sqs() {
        return ServiceTestApp.startStack().queue().client();
    }

    public static String queueUrl(SqsClient sqs, String name) {
        return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
    }

    /** Sends a body as another producer would, in the given FIFO message group, with a fresh deduplication id. */
    public static String send(SqsClient sqs, String queueUrl, String body, String group) {
        return sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body)
                .messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString()).build()).messageId();
    }
}
