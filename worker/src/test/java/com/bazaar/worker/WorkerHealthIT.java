package com.bazaar.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import com.bazaar.testing.SharedTestStack;
import com.bazaar.service.RestartableStack;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The worker's health checks against a database and a queue that go away and come back: the database and
 * queue checks, consumer liveness (threads that cannot poll) and the backlog check (depths it cannot read).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorkerHealthIT {
    static final RestartableStack STACK = new RestartableStack();
    static final DropwizardAppExtension<WorkerConfiguration> WORKER = WorkerTestApp.extension(
            Stream.concat(Stream.of(STACK.overrides()), Stream.of(
                    ConfigOverride.config("worker.backlog.refreshInterval", "1s"),
                    ConfigOverride.config("worker.consumer.maxRetryBackoff", "4s"))).toArray(ConfigOverride[]::new));
    static final Duration PATIENCE = Duration.ofSeconds(40);

    @AfterAll
    static void stopStack() {
        STACK.close();
    }

    static JsonNode checks(int expectedStatus) {
        return Api.at(WORKER.getAdminPort()).healthChecks(expectedStatus);
    }

    static void awaitAllHealthy() {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(checks(200).fieldNames()).toIterable()
                .contains("postgresql", "queue", "consumer", "backlog"));
    }

    @Test
    void databaseAndConsumerChecksFailWhilePostgresqlIsStoppedAndRecoverAfter() {
        awaitAllHealthy();

        STACK.stopDatabase();
        try {
            // A movement makes the consumer need the database: its thread stops polling and waits for it.
            try (SqsClient sqs = STACK.client()) {
                WorkerTestApp.send(sqs, WorkerTestApp.queueUrl(sqs, SharedTestStack.QUEUE),
                        Movements.in(1, 1).at(1).message(), "g-" + UUID.randomUUID());
            }
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode checks = checks(500);
                assertThat(checks.at("/postgresql/healthy").asBoolean()).isFalse();
                assertThat(checks.at("/consumer/healthy").asBoolean()).isFalse();
                assertThat(checks.at("/consumer/message").asText()).contains("have not polled", "waiting for the database");
                assertThat(checks.at("/queue/healthy").asBoolean()).isTrue();
            });
        } finally {
            STACK.startDatabase();
        }
        awaitAllHealthy();
    }

    @Test
    void queueConsumerAndBacklogChecksFailWhileTheQueueIsUnreachableAndRecoverAfter() {
        awaitAllHealthy();

        STACK.stopQueue();
        try {
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode checks = checks(500);
                assertThat(checks.at("/queue/healthy").asBoolean()).isFalse();
                assertThat(checks.at("/backlog/healthy").asBoolean()).isFalse();
                assertThat(checks.at("/backlog/message").asText()).contains("queue depths not read for");
                assertThat(checks.at("/consumer/healthy").asBoolean()).isFalse();
                assertThat(checks.at("/postgresql/healthy").asBoolean()).isTrue();
            });
        } finally {
            STACK.startQueue();
        }
        awaitAllHealthy();
    }
}
