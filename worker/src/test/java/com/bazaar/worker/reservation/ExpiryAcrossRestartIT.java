package com.bazaar.worker.reservation;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import com.bazaar.worker.WorkerConfiguration;
import com.bazaar.worker.WorkerTestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds due while no worker runs expire when one starts again: the sweep keeps nothing in memory (the holds and their
 * expiry are rows), so a worker stopped, killed or crashed leaves nothing behind that its successor needs.
 */
class ExpiryAcrossRestartIT {
    // Started and stopped here rather than by DropwizardExtensionsSupport: the test stops one worker and starts another.
    static final DropwizardAppExtension<ServiceConfiguration> SERVICE = ServiceTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @BeforeAll
    static void startService() throws Exception {
        SERVICE.before();
    }

    @AfterAll
    static void stopService() {
        SERVICE.after();
    }

    static Api as(String user) {
        return Api.at(SERVICE.getLocalPort()).as(user);
    }

    static String status(String id) {
        return DB.withHandle(h -> h.createQuery("SELECT status FROM reservations WHERE id = CAST(:id AS uuid)").bind("id", id)
                .mapTo(String.class).findOne().orElse("queued"));
    }

    @Test
    void holdsDueWhileNoWorkerRunsExpireWithinSecondsOfTheNextStart() throws Exception {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        List<String> holds = new ArrayList<>();
        Instant lastExpiry;
        DropwizardAppExtension<WorkerConfiguration> before = WorkerTestApp.extension();
        before.before();
        try {
            HttpResponse<String> stock = as(ServiceTestApp.CLERK).post("/stores/" + store + "/stock-movements",
                    Movements.in(product, 10).body());
            String stockId = json(stock).at("/movement/id").asText();
            await().atMost(PATIENCE).until(() -> as(ServiceTestApp.ADMIN).get("/stock-movements/" + stockId).statusCode() == 200);
            Instant expiresAt = null;
            for (int i = 0; i < 3; i++) {
                JsonNode accepted = json(as(ServiceTestApp.CLERK).post("/stores/" + store + "/reservations",
                        "{\"productId\": " + product + ", \"quantity\": 2, \"ttlSeconds\": 3}"));
                holds.add(accepted.at("/reservation/id").asText());
                expiresAt = Instant.parse(accepted.at("/reservation/expiresAt").asText());
            }
            lastExpiry = expiresAt;
            await().atMost(PATIENCE).until(() -> holds.stream().allMatch(id -> status(id).equals("active")));
        } finally {
            before.after();
        }

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), lastExpiry).toMillis() + 1_000));
        assertThat(holds).as("no worker, no expiry").allMatch(id -> status(id).equals("active"));

        Instant restarted = Instant.now();
        DropwizardAppExtension<WorkerConfiguration> after = WorkerTestApp.extension();
        after.before();
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> holds.stream().allMatch(id -> status(id).equals("expired")));
            Duration took = Duration.between(restarted, Instant.now());
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(json(as(ServiceTestApp.ADMIN).get("/stores/" + store + "/inventory/" + product))
                    .get("availableQuantity").asLong()).isEqualTo(10);
            long expiredAudits = DB.withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM audit_logs WHERE action_type = 'RESERVATION_EXPIRED' AND entity_id = ANY(:ids)")
                    .bind("ids", holds.toArray(String[]::new)).mapTo(Long.class).one());
            assertThat(expiredAudits).isEqualTo(3);
        } finally {
            after.after();
        }
    }
}
