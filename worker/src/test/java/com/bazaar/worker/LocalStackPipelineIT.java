package com.bazaar.worker;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.embedded.EmbeddedQueue;
import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import com.bazaar.testing.SharedTestStack;
import com.bazaar.service.BazaarServiceApplication;
import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The end-to-end scenario against an SQS emulator in Docker instead of ElasticMQ (the database stays the embedded
 * one): what a user with Docker runs. Floci by default; {@code -Dsqs.emulator=localstack} for LocalStack (with
 * {@code LOCALSTACK_AUTH_TOKEN} in the environment, which it needs since March 2026). Skipped where Docker is
 * absent, which includes this project's CI.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackPipelineIT {
    static final int SQS_PORT = 4566;
    static final String REGION = "us-east-1";

    @Container
    static final GenericContainer<?> EMULATOR = emulator(System.getProperty("sqs.emulator", "floci"));

    static GenericContainer<?> emulator(String name) {
        return switch (name) {
            case "floci" -> new GenericContainer<>(DockerImageName.parse("floci/floci")).withExposedPorts(SQS_PORT)
                    .waitingFor(Wait.forListeningPort());
            case "localstack" -> new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
                    .withServices(LocalStackContainer.Service.SQS)
                    .withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", ""));
            default -> throw new IllegalArgumentException("sqs.emulator must be floci or localstack (got " + name + ")");
        };
    }

    static URI endpoint() {
        return URI.create("http://" + EMULATOR.getHost() + ":" + EMULATOR.getMappedPort(SQS_PORT));
    }

    @Test
    void aMovementPostedToTheServiceIsAppliedByTheWorkerThroughTheEmulator() throws Exception {
        ServiceTestApp.startStack();
        createQueues();
        // Both emulators take any credentials, so the test stack's (system properties) do.
        ConfigOverride[] queue = {
            ConfigOverride.config("queue.endpoint", endpoint().toString()),
            ConfigOverride.config("queue.region", REGION),
        };
        var service = new DropwizardTestSupport<ServiceConfiguration>(BazaarServiceApplication.class, ServiceTestApp.CONFIG,
                ConfigOverride.randomPorts(),
                ConfigOverride.config("auth.adminUser", ServiceTestApp.ADMIN),
                ConfigOverride.config("auth.adminPassword", ServiceTestApp.password(ServiceTestApp.ADMIN)),
                queue[0], queue[1]);
        var worker = new DropwizardTestSupport<WorkerConfiguration>(BazaarWorkerApplication.class, ServiceTestApp.CONFIG,
                ConfigOverride.config("worker.server.adminConnectors[0].port", "0"),
                ConfigOverride.config("worker.consumer.waitTime", "1s"), queue[0], queue[1]);
        service.before();
        worker.before();
        try {
            Api admin = Api.at(service.getLocalPort()).as(ServiceTestApp.ADMIN);
            long store = admin.newStore();
            long product = admin.newProduct();
            var accepted = admin.post("/stores/" + store + "/stock-movements",
                    Movements.in(product, 9).body());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = json(accepted).at("/movement/id").asText();

            await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/stock-movements/" + id).statusCode() == 200);
            assertThat(admin.currentQuantity(store, product)).isEqualTo(9);
        } finally {
            worker.after();
            service.after();
        }
    }

    private static void createQueues() {
        try (SqsClient sqs = SqsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            EmbeddedQueue.createQueues(sqs, SharedTestStack.QUEUE, SharedTestStack.DEAD_LETTER_QUEUE);
        }
    }
}
