package com.bazaar.service.movement;

import static com.bazaar.service.tier.ResourceTier.as;
import static com.bazaar.service.tier.ResourceTier.errorMessage;
import static com.bazaar.service.tier.ResourceTier.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.movement.MovementMessage;
import com.bazaar.service.tier.Catalog;
import com.bazaar.service.tier.FakePublisher;
import com.bazaar.service.tier.ResourceTier;
import com.bazaar.testing.Movements;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Stage 1 route {@code POST /stock-movements}: the store-scoped route's code path at the default store. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DefaultStoreMovementResourceTest {
    static final FakePublisher QUEUE = new FakePublisher();
    static final AtomicReference<Optional<Long>> LOWEST_STORE = new AtomicReference<>();
    static final AcceptMovementResource STORE_ROUTE = new AcceptMovementResource(Catalog.ids(), QUEUE,
            Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
    static final ResourceExtension RESOURCES = ResourceTier.builder()
            .addResource(STORE_ROUTE)
            .addResource(new DefaultStoreMovementResource(
                    new DefaultStore(null, Catalog.ids().stores(), LOWEST_STORE::get), STORE_ROUTE))
            .build();

    @BeforeEach
    void storesExist() {
        QUEUE.reset();
        LOWEST_STORE.set(Optional.of(Catalog.OTHER_STORE));
    }

    static Response post(String path, String body, String idempotencyKey) {
        return as(RESOURCES, ResourceTier.CLERK, path).header("Idempotency-Key", idempotencyKey).post(json(body));
    }

    @Test
    void recordsTheMovementAtTheDefaultStoreAs202WithItsLocation() {
        Response response = post("/stock-movements", Movements.in(Catalog.PRODUCT, 3).body(), null);

        assertThat(response.getStatus()).isEqualTo(202);
        MovementMessage queued = QUEUE.published(MovementMessage.class).get(0);
        assertThat(queued.storeId()).isEqualTo(Catalog.OTHER_STORE);
        assertThat(queued.quantity()).isEqualTo(3);
        assertThat(response.getLocation().getPath()).isEqualTo("/stock-movements/" + queued.movementId());
        assertThat(response.readEntity(String.class)).contains("\"message\":\"Stock movement accepted\"",
                "\"status\":\"pending\"", "\"storeId\":" + Catalog.OTHER_STORE);
    }

    @Test
    void isTheSameMovementAsTheStoreRouteForTheSameKey() {
        post("/stock-movements", Movements.in(Catalog.PRODUCT, 3).body(), "register-7:sale-1");
        post("/stores/" + Catalog.OTHER_STORE + "/stock-movements", Movements.in(Catalog.PRODUCT, 3).body(), "register-7:sale-1");

        var queued = QUEUE.published(MovementMessage.class);
        assertThat(queued).hasSize(2);
        assertThat(queued.get(0).movementId()).isEqualTo(queued.get(1).movementId());
    }

    @Test
    void keepsTheStoreRoutesRules() {
        Response badQuantity = post("/stock-movements", Movements.in(Catalog.PRODUCT, 0).body(), null);
        Response unknownProduct = post("/stock-movements", Movements.in(Catalog.MISSING, 1).body(), null);
        Response auditor = as(RESOURCES, ResourceTier.AUDITOR, "/stock-movements").post(json(Movements.in(Catalog.PRODUCT, 1).body()));

        assertThat(badQuantity.getStatus()).isEqualTo(400);
        assertThat(errorMessage(badQuantity)).contains("quantity");
        assertThat(unknownProduct.getStatus()).isEqualTo(404);
        assertThat(errorMessage(unknownProduct)).isEqualTo("Product " + Catalog.MISSING + " not found");
        assertThat(auditor.getStatus()).isEqualTo(403);
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void withoutAnyStoreIs404SayingSoAndEnqueuesNothing() {
        LOWEST_STORE.set(Optional.empty());

        Response response = post("/stock-movements", Movements.in(Catalog.PRODUCT, 1).body(), null);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(errorMessage(response)).startsWith("There is no store yet");
        assertThat(QUEUE.published()).isEmpty();
    }
}
