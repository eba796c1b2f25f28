package com.bazaar.service.movement;

import static com.bazaar.service.tier.ResourceTier.as;
import static com.bazaar.service.tier.ResourceTier.errorMessage;
import static com.bazaar.service.tier.ResourceTier.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementType;
import com.bazaar.service.tier.Catalog;
import com.bazaar.service.tier.FakePublisher;
import com.bazaar.service.tier.ResourceTier;
import com.bazaar.testing.Movements;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The acceptance rules of {@code POST /stores/{id}/stock-movements} (and its batch), on a fake queue and clock. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AcceptMovementResourceTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123456789Z");
    static final FakePublisher QUEUE = new FakePublisher();
    static final ResourceExtension RESOURCES = ResourceTier.builder()
            .addResource(new AcceptMovementResource(Catalog.ids(), QUEUE, Clock.fixed(NOW, ZoneOffset.UTC)))
            .build();
    static final String PATH = "/stores/" + Catalog.STORE + "/stock-movements";

    @BeforeEach
    void emptyQueue() {
        QUEUE.reset();
    }

    static String batch(String... items) {
        return "{\"movements\": [" + String.join(", ", items) + "]}";
    }

    static Response post(String user, String body) {
        return as(RESOURCES, user, PATH).post(json(body));
    }

    @Test
    void acceptsAMovementPutsItOnTheQueueAndAnswers202WithItsLocation() {
        Response response = post(ResourceTier.CLERK, Movements.in(Catalog.PRODUCT, 24).reason("delivery").body());

        assertThat(response.getStatus()).isEqualTo(202);
        MovementMessage queued = QUEUE.published(MovementMessage.class).get(0);
        assertThat(queued.type()).isEqualTo(MovementType.IN);
        assertThat(queued.quantity()).isEqualTo(24);
        assertThat(queued.actor()).isEqualTo(ResourceTier.CLERK);
        assertThat(queued.occurredAt()).as("the acceptance time, in microseconds").isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
        assertThat(response.getLocation().getPath()).isEqualTo("/stock-movements/" + queued.movementId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\": \"in\", \"quantity\": 1}",
        "{\"productId\": 1, \"type\": \"in\"}",
        "{\"productId\": 1, \"type\": \"sold\", \"quantity\": 1}",
        "{\"productId\": 1, \"type\": \"in\", \"quantity\": 0}",
        "{\"productId\": 1, \"type\": \"in\", \"quantity\": 1000001}",
        "{\"productId\": 1, \"type\": \"in\", \"quantity\": \"5\"}",
        "{\"productId\": 1, \"type\": \"in\", \"quantity\": 1.5}",
        "{\"productId\": \"1\", \"type\": \"in\", \"quantity\": 1}",
        "{\"productId\": 0, \"type\": \"in\", \"quantity\": 1}",
        "{\"productId\": 1, \"type\": \"in\", \"quantity\": 1, \"occurredAt\": 1700000000}",
        "{\"productId\": 1, \"type\": \"in\", \"quantity\": 1, \"occurredAt\": \"yesterday\"}",
        "{\"productId\": 1, \"type\": \"in\", \"quantity\": 1, \"storeId\": 1}",
        "{\"productId\": 1, \"type\": \"in\", \"quantity\": 1, \"quantity\": 2}",
        "[]",
        "{\"productId\": 1, ",
    })
    void aBadBodyIs400AndEnqueuesNothing(String body) {
        Response response = post(ResourceTier.CLERK, body);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isNotBlank();
        assertThat(QUEUE.published()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"productId\": 1, \"type\": \"in\", \"quantity\": 0}                              | quantity must be greater than or equal to 1",
        "{\"productId\": 1, \"type\": \"count\", \"quantity\": -1}                          | quantity must be greater than or equal to 0",
        "{\"productId\": 1, \"type\": \"out\", \"quantity\": 2, \"expectedQuantity\": 2}     | expectedQuantity is only allowed with type count",
        "{\"productId\": 1, \"type\": \"count\", \"quantity\": 2, \"expectedQuantity\": -1} | expectedQuantity must be greater than or equal to 0",
    })
    void namesTheQuantityRuleABodyBreaks(String body, String message) {
        Response response = post(ResourceTier.CLERK, body);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isEqualTo(message);
    }

    @Test
    void anOccurredAtMoreThanFiveMinutesAfterTheClockIs400() {
        Response late = post(ResourceTier.CLERK, Movements.in(Catalog.PRODUCT, 1).occurredAt(NOW.plusSeconds(301).toString()).body());
        Response inTime = post(ResourceTier.CLERK, Movements.in(Catalog.PRODUCT, 1).occurredAt(NOW.plusSeconds(300).toString()).body());

        assertThat(late.getStatus()).isEqualTo(400);
        assertThat(errorMessage(late)).contains("more than 5 minutes after");
        assertThat(inTime.getStatus()).isEqualTo(202);
    }

    @Test
    void aBlankIdempotencyKeyIs400() {
        Response response = as(RESOURCES, ResourceTier.CLERK, PATH).header("Idempotency-Key", " ")
                .post(json(Movements.in(Catalog.PRODUCT, 1).body()));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("Idempotency-Key");
    }

    @Test
    void anIdempotencyKeyOf256CharactersIs400And255IsAccepted() {
        Response tooLong = as(RESOURCES, ResourceTier.CLERK, PATH).header("Idempotency-Key", "k".repeat(256))
                .post(json(Movements.in(Catalog.PRODUCT, 1).body()));
        Response longest = as(RESOURCES, ResourceTier.CLERK, PATH).header("Idempotency-Key", "k".repeat(255))
                .post(json(Movements.in(Catalog.PRODUCT, 1).body()));

        assertThat(tooLong.getStatus()).isEqualTo(400);
        assertThat(longest.getStatus()).isEqualTo(202);
    }

    @Test
    void theSameKeyFromTheSameUserNamesTheSameMovement() {
        String body = Movements.in(Catalog.PRODUCT, 1).body();
        as(RESOURCES, ResourceTier.CLERK, PATH).header("Idempotency-Key", "k-1").post(json(body)).close();
        as(RESOURCES, ResourceTier.CLERK, PATH).header("Idempotency-Key", "k-1").post(json(body)).close();
        as(RESOURCES, ResourceTier.ADMIN, PATH).header("Idempotency-Key", "k-1").post(json(body)).close();

        UUID first = QUEUE.published(MovementMessage.class).get(0).movementId();
        assertThat(QUEUE.published(MovementMessage.class).get(1).movementId()).isEqualTo(first);
        assertThat(QUEUE.published(MovementMessage.class).get(2).movementId()).as("another user's key").isNotEqualTo(first);
    }

    @Test
    void anUnknownStoreOrProductIs404AndEnqueuesNothing() {
        Response noStore = as(RESOURCES, ResourceTier.CLERK, "/stores/" + Catalog.MISSING + "/stock-movements")
                .post(json(Movements.in(Catalog.PRODUCT, 1).body()));
        Response noProduct = post(ResourceTier.CLERK, Movements.in(Catalog.MISSING, 1).body());

        assertThat(noStore.getStatus()).isEqualTo(404);
        assertThat(errorMessage(noStore)).isEqualTo("Store 999999999 not found");
        assertThat(noProduct.getStatus()).isEqualTo(404);
        assertThat(errorMessage(noProduct)).isEqualTo("Product 999999999 not found");
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void aStoreIdThatIsNotAPositiveIntegerIs400() {
        assertThat(as(RESOURCES, ResourceTier.CLERK, "/stores/0/stock-movements")
                .post(json(Movements.in(Catalog.PRODUCT, 1).body())).getStatus()).isEqualTo(400);
        assertThat(as(RESOURCES, ResourceTier.CLERK, "/stores/abc/stock-movements")
                .post(json(Movements.in(Catalog.PRODUCT, 1).body())).getStatus()).isEqualTo(400);
    }

    @Test
    void withoutCredentialsOrWithAWrongPasswordIs401WithTheChallenge() {
        Response none = RESOURCES.target(PATH).request().post(json(Movements.in(Catalog.PRODUCT, 1).body()));
        Response wrong = RESOURCES.target(PATH).request().header("Authorization", ResourceTier.basic(ResourceTier.CLERK, "nope"))
                .post(json(Movements.in(Catalog.PRODUCT, 1).body()));

        assertThat(none.getStatus()).isEqualTo(401);
        assertThat(none.getHeaderString("WWW-Authenticate")).isEqualTo("Basic realm=\"bazaar\"");
        assertThat(errorMessage(none)).isNotBlank();
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void anAuditorMayNotRecordMovements() {
        Response response = post(ResourceTier.AUDITOR, Movements.in(Catalog.PRODUCT, 1).body());

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(errorMessage(response)).isNotBlank();
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Response response = as(RESOURCES, ResourceTier.CLERK, PATH)
                .post(Entity.entity("productId=1", MediaType.APPLICATION_FORM_URLENCODED_TYPE));

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(errorMessage(response)).isNotBlank();
    }

    @Test
    void anUnreachableQueueIs503WithRetryAfter() {
        QUEUE.down();

        Response response = post(ResourceTier.CLERK, Movements.in(Catalog.PRODUCT, 1).body());

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isNotBlank();
        assertThat(errorMessage(response)).contains("nothing was recorded");
    }

    @Test
    void aBatchWithOneBadItemIs400NamingItAndEnqueuesNone() {
        String batch = batch(Movements.in(Catalog.PRODUCT, 1).body(), Movements.out(Catalog.PRODUCT, 0).body());

        Response response = as(RESOURCES, ResourceTier.CLERK, PATH + "/batch").post(json(batch));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("movements[1].quantity");
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void aBatchWithAnUnknownProductIs404AndEnqueuesNone() {
        String batch = batch(Movements.in(Catalog.PRODUCT, 1).body(), Movements.in(Catalog.MISSING, 1).body());

        Response response = as(RESOURCES, ResourceTier.CLERK, PATH + "/batch").post(json(batch));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void aBatchOfNoneOrMoreThan100Is400() {
        String tooMany = batch(Collections.nCopies(101, Movements.in(Catalog.PRODUCT, 1).body()).toArray(String[]::new));

        assertThat(as(RESOURCES, ResourceTier.CLERK, PATH + "/batch").post(json(batch())).getStatus()).isEqualTo(400);
        assertThat(as(RESOURCES, ResourceTier.CLERK, PATH + "/batch").post(json(tooMany)).getStatus()).isEqualTo(400);
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void aBatchWithAKeyNamesItemIAsKeyColonI() {
        String batch = batch(Movements.in(Catalog.PRODUCT, 1).body(), Movements.in(Catalog.PRODUCT, 2).body());

        Response response = as(RESOURCES, ResourceTier.CLERK, PATH + "/batch").header("Idempotency-Key", "sale-9").post(json(batch));

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(QUEUE.published(MovementMessage.class)).extracting(MovementMessage::movementId).containsExactly(
                MovementIntake.movementId(ResourceTier.CLERK, "sale-9:0"), MovementIntake.movementId(ResourceTier.CLERK, "sale-9:1"));
    }
}
