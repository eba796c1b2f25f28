package com.bazaar.service;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.testing.Api;
import com.bazaar.testing.Metrics;
import com.bazaar.testing.Movements;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service's admin port: named health checks, the movement and auth metrics, and the Prometheus text. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OperationsIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();

    Api admin() {
        return Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    Api adminPort() {
        return Api.at(APP.getAdminPort());
    }

    static long count(String meterOrTimer) {
        return Metrics.count(APP.getEnvironment().metrics(), meterOrTimer);
    }

    @Test
    void healthCheckPageListsTheDatabaseAndTheQueue() {
        HttpResponse<String> response = adminPort().get("/healthcheck");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode checks = json(response);
        assertThat(checks.at("/postgresql/healthy").asBoolean()).isTrue();
        assertThat(checks.at("/queue/healthy").asBoolean()).isTrue();
        assertThat(checks.at("/queue/message").asText()).contains("bazaar-stock-movements.fifo reachable");
    }

    @Test
    void countsAcceptedAndRejectedMovementsByReasonAndFailedLogins() {
        long store = admin().newStore();
        long product = admin().newProduct();
        String path = "/stores/" + store + "/stock-movements";
        Map<String, Long> before = Map.of(
                "accepted", count("bazaar.service.movements.accepted"),
                "enqueued", count("bazaar.service.movements.enqueue"),
                "invalid", count("bazaar.service.movements.rejected.invalid"),
                "unknown", count("bazaar.service.movements.rejected.unknown-store-or-product"),
                "auth", count("bazaar.service.auth.failures"));

        assertThat(admin().post(path, Movements.in(product, 2).body())
                .statusCode()).isEqualTo(202);
        assertThat(admin().post(path, "{\"productId\": %d, \"type\": \"in\", \"quantity\": 0}".formatted(product))
                .statusCode()).isEqualTo(400);
        assertThat(admin().post(path, "{not json").statusCode()).isEqualTo(400);
        assertThat(admin().post(path, Movements.in(999999999L, 1).body())
                .statusCode()).isEqualTo(404);
        assertThat(Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN, "wrong").get("/products").statusCode()).isEqualTo(401);
        assertThat(Api.at(APP.getLocalPort()).get("/products").statusCode()).isEqualTo(401);

        assertThat(count("bazaar.service.movements.accepted")).isEqualTo(before.get("accepted") + 1);
        assertThat(count("bazaar.service.movements.enqueue")).isEqualTo(before.get("enqueued") + 1);
        assertThat(count("bazaar.service.movements.rejected.invalid")).isEqualTo(before.get("invalid") + 2);
        assertThat(count("bazaar.service.movements.rejected.unknown-store-or-product")).isEqualTo(before.get("unknown") + 1);
        assertThat(count("bazaar.service.auth.failures")).isEqualTo(before.get("auth") + 2);
    }

    @Test
    void prometheusEndpointIsWellFormedTextWithTheServiceMetrics() {
        long store = admin().newStore();
        admin().post("/stores/" + store + "/stock-movements", Movements.in(admin().newProduct(), 1).body());

        HttpResponse<String> response = adminPort().get("/metrics/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = PrometheusText.parse(response.body());
        assertThat(samples.get("bazaar_service_movements_accepted_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(samples).containsKeys("bazaar_service_movements_rejected_invalid_total",
                "bazaar_service_auth_failures_total", "bazaar_service_rate_limited_total",
                "bazaar_service_movements_enqueue_count", "bazaar_service_movements_enqueue{quantile=\"0.99\"}",
                "io_dropwizard_db_managed_pooled_data_source_postgresql_active");
        assertThat(samples.keySet()).anyMatch(name -> name.startsWith("io_dropwizard_jetty_mutable_servlet_context_handler_requests"));
        assertThat(samples.keySet()).anyMatch(name -> name.startsWith("com_bazaar_catalog_product_dao_insert_if_absent"));
    }
}
