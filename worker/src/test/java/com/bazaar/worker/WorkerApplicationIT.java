package com.bazaar.worker;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.testing.Api;
import com.bazaar.testing.SharedTestStack;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
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
            HttpResponse<String> response = Api.at(APP.getAdminPort()).get("/healthcheck");

            JsonNode checks = json(response);
            assertThat(checks.at("/postgresql/healthy").asBoolean()).as(response.body()).isTrue();
            assertThat(checks.at("/queue/healthy").asBoolean()).as(response.body()).isTrue();
            assertThat(checks.at("/queue/message").asText()).contains(SharedTestStack.QUEUE);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        });
    }

    @Test
    void servesNoApplicationPort() {
        assertThat(APP.getEnvironment().getApplicationContext().getServer().getConnectors())
                .hasSize(1)
                .allSatisfy(connector -> assertThat(connector.getName()).contains("admin"));
    }
}
