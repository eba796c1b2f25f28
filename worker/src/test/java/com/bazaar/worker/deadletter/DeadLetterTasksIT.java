package com.bazaar.worker.deadletter;

import static com.bazaar.testing.Api.json;
import static com.bazaar.testing.QueueAttributes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Ledger;
import com.bazaar.testing.Movements;
import com.bazaar.worker.WorkerConfiguration;
import com.bazaar.worker.WorkerTestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The dead-letter tasks on queues of their own: the summary says why, the redrive applies, and only once. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeadLetterTasksIT {
    static final String QUEUE_NAME = "dead-letter-tasks-test.fifo";
    static final String DEAD_LETTER_QUEUE_NAME = "dead-letter-tasks-test-dlq.fifo";

    static final DropwizardAppExtension<ServiceConfiguration> SERVICE = ServiceTestApp.extension();
    static final DropwizardAppExtension<WorkerConfiguration> WORKER =
            WorkerTestApp.extensionOnQueues(QUEUE_NAME, DEAD_LETTER_QUEUE_NAME);
    static final SqsClient SQS = WorkerTestApp.sqs();
    static final String QUEUE = WorkerTestApp.queueUrl(SQS, QUEUE_NAME);
    static final String DEAD_LETTER_QUEUE = WorkerTestApp.queueUrl(SQS, DEAD_LETTER_QUEUE_NAME);
    static final Jdbi DB = ServiceTestApp.database();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @AfterAll
    static void closeClient() {
        SQS.close();
    }

    static JsonNode task(String path) {
        Api adminPort = Api.at(WORKER.getAdminPort()).as(ServiceTestApp.ADMIN);
        HttpResponse<String> response = adminPort.send(adminPort.request("/tasks/" + path).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    static long deadLetters() {
        return Long.parseLong(SQS.getQueueAttributes(r -> r.queueUrl(DEAD_LETTER_QUEUE)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** Puts a message straight on the dead-letter queue, as SQS does after maxReceiveCount failed receives. */
    static String deadLetter(String body, Map<String, MessageAttributeValue> attributes) {
        return SQS.sendMessage(r -> r.queueUrl(DEAD_LETTER_QUEUE).messageBody(body).messageGroupId("stuck")
                .messageDeduplicationId(UUID.randomUUID().toString()).messageAttributes(attributes)).messageId();
    }

    @Test
    void summaryShowsWhyAndRedriveAppliesAMovementOnceHoweverOftenItComesBack() {
        Api admin = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN);
        long store = admin.newStore();
        long product = admin.newProduct();
        String stuck = Movements.in(product, 7).at(store).message();
        String stuckId = deadLetter(stuck, Map.of());
        SQS.sendMessage(r -> r.queueUrl(QUEUE).messageBody("{\"storeId\": 1, \"productId\": 1, \"type\": \"gift\", \"quantity\": 1}")
                .messageGroupId("poison").messageDeduplicationId(UUID.randomUUID().toString())
                .messageAttributes(Map.of("requestId", text("trace-poison"))));
        await().atMost(PATIENCE).until(() -> deadLetters() == 2);

        JsonNode summary = task("dlq-summary");
        assertThat(summary.get("queue").asText()).isEqualTo(DEAD_LETTER_QUEUE_NAME);
        assertThat(summary.get("approximateMessages").asLong()).isEqualTo(2);
        assertThat(summary.get("oldestSampled").asText()).endsWith("Z");
        assertThat(summary.get("sample")).hasSize(2).anySatisfy(letter -> {
            assertThat(letter.get("reason").asText()).contains("type", "gift");
            assertThat(letter.get("requestId").asText()).isEqualTo("trace-poison");
        }).anySatisfy(letter -> {
            assertThat(letter.get("messageId").asText()).isEqualTo(stuckId);
            assertThat(letter.get("reason").asText()).startsWith("none recorded");
            assertThat(letter.get("body").asText()).isEqualTo(stuck);
        });
        assertThat(deadLetters()).as("the summary hides nothing").isEqualTo(2);

        JsonNode redrive = task("redrive-dlq");
        assertThat(redrive.get("moved").asInt()).isBetween(1, 2);
        assertThat(redrive.get("failures")).isEmpty();
        UUID movementId = UUID.fromString(stuckId);
        await().atMost(PATIENCE).until(() -> Ledger.rows(DB, movementId) == 1);
        assertThat(Ledger.level(DB, store, product)).isEqualTo(7);
        // The poison is dead-lettered again, with its reason; the redrive did not chase it round.
        await().atMost(PATIENCE).until(() -> deadLetters() == 1);

        // A second copy of the applied movement (its delete had failed, say) redriven later is skipped.
        deadLetter(stuck, Map.of("originalMessageId", text(stuckId)));
        await().atMost(PATIENCE).until(() -> deadLetters() == 2);
        assertThat(task("redrive-dlq?max=10").get("moved").asInt()).isBetween(1, 2);
        await().atMost(PATIENCE).until(() -> deadLetters() == 1);
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> Ledger.level(DB, store, product) == 7);
        assertThat(Ledger.rows(DB, movementId)).isEqualTo(1);
    }
}
