package com.bazaar.service.replica;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.embedded.EmbeddedDatabase;
import com.bazaar.embedded.StreamingReplica;
import com.bazaar.service.PrometheusText;
import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service with a real streaming replica of the shared test database (a base backup of it, made by the code
 * behind {@code ./bazaar up --replica}): lists come from the replica, a by-id miss there is answered by the
 * primary, and reads keep working, from the primary, once the replica is gone.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(OrderAnnotation.class)
class ReadReplicaIT {
    static final StreamingReplica REPLICA = startReplica();
    // A large bound: with replay paused the replica falls behind, and it must still be the one serving lists.
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension(
            ConfigOverride.config("readDatabase.host", "127.0.0.1"),
            ConfigOverride.config("readDatabase.port", String.valueOf(REPLICA.port())),
            ConfigOverride.config("readDatabase.maxLag", "1h"));
    static final Jdbi PRIMARY = ServiceTestApp.database();
    static final Jdbi REPLICA_DATABASE = Jdbi.create(REPLICA.jdbcUrl(), EmbeddedDatabase.USER, "");

    static StreamingReplica startReplica() {
        try {
            return StreamingReplica.start(ServiceTestApp.startStack().database().port(),
                    Files.createTempDirectory("bazaar-replica").resolve("replica"), 0, EmbeddedDatabase.Durability.FAST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the streaming replica", e);
        }
    }

    @AfterAll
    static void stopReplica() throws IOException {
        REPLICA.close();
        // Else the shared primary would keep WAL for a standby that is gone, for the rest of the test run.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> PRIMARY.useHandle(handle -> handle.execute(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?",
                StreamingReplica.SLOT)));
    }

    Api admin() {
        return Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    static JsonNode healthChecks() {
        return json(Api.at(APP.getAdminPort()).get("/healthcheck"));
    }

    static List<Long> productIds(JsonNode products) {
        return StreamSupport.stream(products.spliterator(), false).map(product -> product.get("id").asLong()).toList();
    }

    static Optional<String> productOnReplica(long id) {
        return REPLICA_DATABASE.withHandle(handle -> handle.createQuery("SELECT name FROM products WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne());
    }

    @Test
    @Order(1)
    void theReplicaIsAHotStandbyThatReceivesWhatThePrimaryWrites() {
        boolean inRecovery = REPLICA_DATABASE.withHandle(handle -> handle.createQuery("SELECT pg_is_in_recovery()")
                .mapTo(Boolean.class).one());
        assertThat(inRecovery).isTrue();

        long product = admin().newProduct();

        await().atMost(Duration.ofSeconds(30)).until(() -> productOnReplica(product).isPresent());
        String state = PRIMARY.withHandle(handle -> handle.createQuery(
                "SELECT state FROM pg_stat_replication WHERE application_name = :slot")
                .bind("slot", StreamingReplica.SLOT).mapTo(String.class).one());
        assertThat(state).isEqualTo("streaming");
    }

    @Test
    @Order(2)
    void listsComeFromTheReplicaAndAByIdMissThereIsAnsweredByThePrimary() {
        await().atMost(Duration.ofSeconds(30)).until(() -> healthChecks().at("/replica/healthy").asBoolean());
        REPLICA_DATABASE.useHandle(handle -> handle.execute("SELECT pg_wal_replay_pause()"));
        long product;
        try {
            product = admin().newProduct();

            // Replay is paused, so a list that misses the new product was read on the replica.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(productIds(json(admin().get("/products"))))
                    .doesNotContain(product));
            assertThat(admin().get("/products/" + product).statusCode()).isEqualTo(200);
            assertThat(productOnReplica(product)).as("still not on the replica: the 200 came from the primary").isEmpty();

            JsonNode replica = healthChecks().get("replica");
            assertThat(replica.get("healthy").asBoolean()).as(replica.toString()).isTrue();
            assertThat(replica.get("lagSeconds").asDouble()).isGreaterThanOrEqualTo(0);
        } finally {
            REPLICA_DATABASE.useHandle(handle -> handle.execute("SELECT pg_wal_replay_resume()"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(productIds(json(admin().get("/products"))))
                .contains(product));
    }

    @Test
    @Order(3)
    void theLagGaugeIsInTheMetricsAndThePrometheusText() {
        JsonNode gauge = json(Api.at(APP.getAdminPort()).get("/metrics")).at("/gauges/bazaar.service.replica.lag-seconds/value");
        assertThat(gauge.isNumber()).as(gauge.toString()).isTrue();
        assertThat(gauge.asDouble()).isGreaterThanOrEqualTo(0);

        assertThat(PrometheusText.parse(Api.at(APP.getAdminPort()).get("/metrics/prometheus").body()))
                .containsKey("bazaar_service_replica_lag_seconds");
    }

    @Test
    @Order(4)
    void readsKeepWorkingFromThePrimaryOnceTheReplicaIsStopped() throws IOException {
        long store = admin().newStore();
        REPLICA.close();

        // At once, before the probe has seen it go: a read that fails on the replica is asked again of the primary.
        assertThat(admin().get("/products").statusCode()).isEqualTo(200);
        long product = admin().newProduct();
        assertThat(productIds(json(admin().get("/products")))).as("the replica is gone: the primary answered")
                .contains(product);
        for (String path : List.of("/products/" + product, "/stores", "/stores/" + store, "/stores/" + store + "/inventory",
                "/stores/" + store + "/inventory/" + product, "/products/" + product + "/quantity", "/stock-movements",
                "/audit-logs?entityType=product&entityId=" + product)) {
            assertThat(admin().get(path).statusCode()).as(path).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> !healthChecks().at("/replica/healthy").asBoolean());
        JsonNode checks = healthChecks();
        assertThat(checks.at("/replica/message").asText()).contains("bypassed, reads go to the primary");
        assertThat(checks.at("/postgresql/healthy").asBoolean()).isTrue();
        assertThat(checks.at("/queue/healthy").asBoolean()).isTrue();
        // What tells a load balancer or ./bazaar up that the service takes traffic (there is no readiness check).
        assertThat(Api.at(APP.getAdminPort()).get("/ping").statusCode()).isEqualTo(200);
    }
}
