package com.bazaar.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.testing.SharedTestStack;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker boots from the repository's config.yml, serves only its admin port, and checks its dependencies. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorkerApplicationIT {

    static final DropwizardAppExtension<WorkerConfiguration> APP = WorkerTestApp.extension();

    @Test
    void healthCheckNamesTheDatabaseAndTheQueue() {
        // The backlog check is unhealthy until the monitor's first read of the queue depths, in the background.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getAdminPort() + "/healthcheck")).build(),
                    HttpResponse.BodyHandlers.ofString());

            JsonNode checks = Jackson.newObjectMapper().readTree(response.body());
            assertThat(checks.at("/postgresql/healthy").asBoolean()).as(response.body()).isTrue();
            assertThat(checks.at("/queue/healthy").asBoolean()).as(response.body()).isTrue();
            assertThat(checks.at("/queue/message").asText()).contains(SharedTestStack.QUEUE);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        });
    }

    @Test
    void servesNoApplicationPort() {
        assertThat(APP.getConfiguration().getServerFactory()).isSameAs(APP.getConfiguration().getWorker().getServer());
        assertThat(APP.getEnvironment().getApplicationContext().getServer().getConnectors())
                .hasSize(1)
                .allSatisfy(connector -> assertThat(connector.getName()).contains("admin"));
    }
}
