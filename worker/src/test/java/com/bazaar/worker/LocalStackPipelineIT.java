package com.bazaar.worker;

import static com.bazaar.service.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.embedded.EmbeddedQueue;
import com.bazaar.testing.SharedTestStack;
import com.bazaar.service.Api;
import com.bazaar.service.BazaarServiceApplication;
import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The end-to-end scenario against LocalStack's SQS instead of ElasticMQ (the database stays the embedded
 * one): what a user with Docker runs. Skipped where Docker is absent, which includes this project's CI.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackPipelineIT {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(LocalStackContainer.Service.SQS);

    @Test
    void aMovementPostedToTheServiceIsAppliedByTheWorkerThroughLocalStack() throws Exception {
        ServiceTestApp.startStack();
        String endpoint = LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.SQS).toString();
        createQueues();
        // LocalStack takes any credentials, so the test stack's (system properties) do.
        ConfigOverride[] queue = {
            ConfigOverride.config("queue.endpoint", endpoint),
            ConfigOverride.config("queue.region", LOCALSTACK.getRegion()),
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
                    "{\"productId\": %d, \"type\": \"in\", \"quantity\": 9}".formatted(product));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = json(accepted).at("/movement/id").asText();

            await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/stock-movements/" + id).statusCode() == 200);
            assertThat(json(admin.get("/stores/" + store + "/inventory/" + product)).get("currentQuantity").asLong()).isEqualTo(9);
        } finally {
            worker.after();
            service.after();
        }
    }

    private static void createQueues() {
        try (SqsClient sqs = SqsClient.builder()
                .endpointOverride(LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.SQS))
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            EmbeddedQueue.createQueues(sqs, SharedTestStack.QUEUE, SharedTestStack.DEAD_LETTER_QUEUE);
        }
    }
}
