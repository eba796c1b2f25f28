package com.bazaar.worker;

import static com.bazaar.testing.Api.json;
import static com.bazaar.testing.QueueAttributes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bazaar.service.PrometheusText;
import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Metrics;
import com.bazaar.testing.Movements;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
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
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The worker's admin port on queues of its own: the pipeline counters, the Prometheus text, the health checks
 * (consumer liveness while paused, a backlog older than its bound) and a request id that reaches the log.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorkerOperationsIT {
    static final String QUEUE_NAME = "worker-operations-test.fifo";
    static final String DEAD_LETTER_QUEUE_NAME = "worker-operations-test-dlq.fifo";

    static final DropwizardAppExtension<ServiceConfiguration> SERVICE = ServiceTestApp.extension();
    static final DropwizardAppExtension<WorkerConfiguration> WORKER = WorkerTestApp.extensionOnQueues(
            QUEUE_NAME, DEAD_LETTER_QUEUE_NAME,
            ConfigOverride.config("worker.backlog.refreshInterval", "1s"),
            ConfigOverride.config("worker.backlog.maxAge", "3s"));
    static final SqsClient SQS = WorkerTestApp.sqs();
    static final String QUEUE = WorkerTestApp.queueUrl(SQS, QUEUE_NAME);
    static final Jdbi DB = ServiceTestApp.database();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @AfterAll
    static void closeClient() {
        SQS.close();
    }

    static long count(String name) {
        return Metrics.count(WORKER.getEnvironment().metrics(), name);
    }

    static HttpResponse<String> admin(String method, String path) {
        Api adminPort = Api.at(WORKER.getAdminPort()).as(ServiceTestApp.ADMIN);
        return adminPort.send(adminPort.request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    static void send(String body, String requestId) {
        SQS.sendMessage(r -> r.queueUrl(QUEUE).messageBody(body).messageGroupId("g-" + UUID.randomUUID())
                .messageDeduplicationId(UUID.randomUUID().toString())
                .messageAttributes(Map.of("requestId", text(requestId))));
    }

    @Test
    void countersMoveForEachOutcomeAndPrometheusCarriesThem() {
        Api admin = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN);
        long store = admin.newStore();
        long product = admin.newProduct();
        Map<String, Long> before = Map.of(
                "received", count("bazaar.worker.messages.received"),
                "applied", count("bazaar.worker.movements.applied"),
                "rejected", count("bazaar.worker.movements.rejected"),
                "duplicates", count("bazaar.worker.movements.duplicates"),
                "dead", count("bazaar.worker.messages.dead-lettered"),
                "lag", count("bazaar.worker.lag"));
        String movement = Movements.in(product, 5).id(UUID.randomUUID()).at(store).message();

        send(movement, "metrics-1");
        await().atMost(PATIENCE).until(() -> count("bazaar.worker.movements.applied") == before.get("applied") + 1);
        send(movement, "metrics-2");
        send(Movements.out(product, 50).at(store).message(), "metrics-3");
        send("{\"storeId\": \"not a number\"}", "metrics-4");

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(count("bazaar.worker.messages.received")).isEqualTo(before.get("received") + 4);
            assertThat(count("bazaar.worker.movements.applied")).isEqualTo(before.get("applied") + 1);
            assertThat(count("bazaar.worker.movements.duplicates")).isEqualTo(before.get("duplicates") + 1);
            assertThat(count("bazaar.worker.movements.rejected")).isEqualTo(before.get("rejected") + 1);
            assertThat(count("bazaar.worker.messages.dead-lettered")).isEqualTo(before.get("dead") + 1);
        });
        assertThat(count("bazaar.worker.lag")).isEqualTo(before.get("lag") + 2);
        // The first movement was applied on its own (awaited above); the worker's linger may put the other three,
        // sent together, in one transaction.
        assertThat(count("bazaar.worker.transaction")).isGreaterThanOrEqualTo(2);

        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> response = admin("GET", "/metrics/prometheus");
            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Double> samples = PrometheusText.parse(response.body());
            assertThat(samples.get("bazaar_worker_movements_applied_total")).isGreaterThanOrEqualTo(1.0);
            assertThat(samples.get("bazaar_worker_messages_dead_lettered_total")).isGreaterThanOrEqualTo(1.0);
            assertThat(samples).containsKeys("bazaar_worker_movements_rejected_total",
                    "bazaar_worker_movements_duplicates_total", "bazaar_worker_lag{quantile=\"0.99\"}",
                    "bazaar_worker_transaction_count", "bazaar_worker_batch_size_count", "bazaar_worker_queue_waiting",
                    "bazaar_worker_queue_in_flight", "bazaar_worker_backlog_age_seconds");
            // The background refresh has seen the dead letter.
            assertThat(samples.get("bazaar_worker_dlq_depth")).isGreaterThanOrEqualTo(1.0);
        });
    }

    @Test
    void theRequestIdOfAMovementIsInTheWorkersLogLine() {
        long store = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN).newStore();
        long product = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN).newProduct();
        var movements = (Logger) LoggerFactory.getLogger("com.bazaar.worker.movements");
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        movements.addAppender(appender);
        UUID id = UUID.randomUUID();
        try {
            send(Movements.in(product, 1).id(id).at(store).message(), "trace-" + id);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getFormattedMessage()).startsWith("Movement " + id + " applied");
                assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "trace-" + id);
            }));
        } finally {
            movements.detachAppender(appender);
        }
        String audited = DB.withHandle(h -> h.createQuery("SELECT details->>'requestId' FROM audit_logs WHERE entity_id = :id")
                .bind("id", id.toString()).mapTo(String.class).one());
        assertThat(audited).isEqualTo("trace-" + id);
    }

    @Test
    void backlogTurnsUnhealthyPastItsBoundWhilePausedAndHealthyOnceDrained() {
        long store = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN).newStore();
        long product = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN).newProduct();
        assertThat(admin("POST", "/tasks/pause-consumer").statusCode()).isEqualTo(200);
        try {
            send(Movements.in(product, 1).at(store).message(), "backlog");

            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode checks = json(admin("GET", "/healthcheck"));
                assertThat(checks.at("/backlog/healthy").asBoolean()).isFalse();
                assertThat(checks.at("/backlog/message").asText()).contains("oldest waiting message", "bound 3 s");
                assertThat(checks.at("/consumer/healthy").asBoolean()).isTrue();
                assertThat(checks.at("/consumer/message").asText()).contains("paused");
            });
        } finally {
            admin("POST", "/tasks/resume-consumer");
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> response = admin("GET", "/healthcheck");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode checks = json(response);
            assertThat(checks.fieldNames()).toIterable().contains("postgresql", "queue", "consumer", "backlog");
            assertThat(checks.at("/backlog/message").asText()).startsWith("0 waiting");
        });
    }
}
