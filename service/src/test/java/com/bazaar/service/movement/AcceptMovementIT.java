package com.bazaar.service.movement;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The accepting side alone (no worker runs here): validation, existence, roles and the answers of the reads. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AcceptMovementIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();

    static long store;
    static long product;

    Api as(String user) {
        return Api.at(APP.getLocalPort()).as(user);
    }

    long store() {
        if (store == 0) {
            store = as(ServiceTestApp.ADMIN).newStore();
            product = as(ServiceTestApp.ADMIN).newProduct();
        }
        return store;
    }

    HttpResponse<String> post(String user, String body) {
        return as(user).post("/stores/" + store() + "/stock-movements", body);
    }

    @Test
    void acceptsAValidMovementWith202AndAPendingBody() {
        HttpResponse<String> response = post(ServiceTestApp.CLERK,
                Movements.manual(product, 3).reason("damaged").occurredAt("2026-01-02T03:04:05Z").body());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        var movement = json(response).get("movement");
        assertThat(json(response).get("message").asText()).isEqualTo("Stock movement accepted");
        assertThat(UUID.fromString(movement.get("id").asText()).version()).as("without a key, a random id").isEqualTo(4);
        assertThat(movement.get("status").asText()).isEqualTo("pending");
        assertThat(movement.get("type").asText()).isEqualTo("manual");
        assertThat(movement.get("quantity").asInt()).isEqualTo(3);
        assertThat(movement.get("occurredAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/stock-movements/" + movement.get("id").asText()));
    }

    @Test
    void acceptsACountOfZeroWithItsExpectedQuantity() {
        HttpResponse<String> response = post(ServiceTestApp.CLERK,
                Movements.count(product(), 0).expecting(5).body());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).at("/movement/type").asText()).isEqualTo("count");
        assertThat(json(response).at("/movement/quantity").asInt()).isZero();
        assertThat(json(response).at("/movement/expectedQuantity").asInt()).isEqualTo(5);
    }

    @Test
    void theIdempotencyKeyMapsToTheSameIdPerUserOnly() {
        assertThat(MovementIntake.movementId("clerk", "k-1")).isEqualTo(MovementIntake.movementId("clerk", "k-1"));
        assertThat(MovementIntake.movementId("clerk", "k-1")).isNotEqualTo(MovementIntake.movementId("admin", "k-1"));
        assertThat(MovementIntake.movementId("a", "bc")).isNotEqualTo(MovementIntake.movementId("ab", "c"));
    }

    @Test
    void readsAnswer404ForUnknownIdsAnd400ForMalformedOnes() {
        Api auditor = as(ServiceTestApp.AUDITOR);
        assertThat(auditor.get("/stock-movements/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(auditor.get("/stock-movements/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(auditor.get("/stores/999999999/inventory").statusCode()).isEqualTo(404);
        assertThat(auditor.get("/stores/" + store() + "/inventory/999999999").statusCode()).isEqualTo(404);
        assertThat(auditor.get("/stores/0/inventory").statusCode()).isEqualTo(400);
        assertThat(auditor.get("/products/999999999/quantity").statusCode()).isEqualTo(404);
        assertThat(auditor.get("/products/abc/quantity").statusCode()).isEqualTo(400);
    }

    @Test
    void aProductNeverMovedInAStoreHasQuantityZero() {
        HttpResponse<String> response = as(ServiceTestApp.AUDITOR).get("/stores/" + store() + "/inventory/" + product);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("currentQuantity").asLong()).isZero();
        assertThat(json(as(ServiceTestApp.AUDITOR).get("/stores/" + store + "/inventory")).get("storeId").asLong()).isEqualTo(store);
    }

    private long product() {
        store();
        return product;
    }
}
