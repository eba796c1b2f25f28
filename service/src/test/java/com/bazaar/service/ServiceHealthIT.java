package com.bazaar.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service's health checks watch the real database and queue go away and come back. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServiceHealthIT {
    static final RestartableStack STACK = new RestartableStack();
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension(STACK.overrides());
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @AfterAll
    static void stopStack() {
        STACK.close();
    }

    static JsonNode checks(int expectedStatus) {
        return Api.at(APP.getAdminPort()).healthChecks(expectedStatus);
    }

    @Test
    void databaseAndCatalogListenerChecksFailWhilePostgresqlIsStoppedAndRecoverAfter() {
        assertThat(checks(200).at("/postgresql/healthy").asBoolean()).isTrue();

        STACK.stopDatabase();
        try {
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode checks = checks(500);
                assertThat(checks.at("/postgresql/healthy").asBoolean()).isFalse();
                assertThat(checks.at("/postgresql/message").asText()).contains("unreachable", "DB_HOST");
                assertThat(checks.at("/queue/healthy").asBoolean()).isTrue();
                assertThat(checks.at("/catalog-listener/healthy").asBoolean()).isFalse();
                assertThat(checks.at("/catalog-listener/message").asText()).contains("Not listening", "uncached");
            });
        } finally {
            STACK.startDatabase();
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode checks = checks(200);
            assertThat(checks.at("/postgresql/healthy").asBoolean()).isTrue();
            assertThat(checks.at("/catalog-listener/healthy").asBoolean()).as("listening again").isTrue();
        });
    }

    @Test
    void queueCheckFailsWhileTheQueueIsUnreachableAndRecoversAfter() {
        assertThat(checks(200).at("/queue/healthy").asBoolean()).isTrue();

        STACK.stopQueue();
        try {
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode checks = checks(500);
                assertThat(checks.at("/queue/healthy").asBoolean()).isFalse();
                assertThat(checks.at("/queue/message").asText()).contains("unreachable", "SQS_ENDPOINT");
            });
        } finally {
            STACK.startQueue();
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(checks(200).at("/queue/healthy").asBoolean()).isTrue());
    }
}
