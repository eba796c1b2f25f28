package com.bazaar.worker.reservation;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import com.bazaar.testing.SharedTestStack;
import com.bazaar.worker.WorkerConfiguration;
import com.bazaar.worker.WorkerTestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Holds through the whole pipeline (service, queue, worker) on the shared embedded stack: an order's life, expiry,
 * release, idempotency, queue producers and every 400/404, each test on a store and product of its own.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReservationIT {
    static final DropwizardAppExtension<ServiceConfiguration> SERVICE = ServiceTestApp.extension();
    static final DropwizardAppExtension<WorkerConfiguration> WORKER = WorkerTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();
    static final SqsClient SQS = WorkerTestApp.sqs();
    static final String QUEUE = WorkerTestApp.queueUrl(SQS, SharedTestStack.QUEUE);
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @AfterAll
    static void closeClient() {
        SQS.close();
    }

    static Api as(String user) {
        return Api.at(SERVICE.getLocalPort()).as(user);
    }

    static HttpResponse<String> reserve(long store, String body, String key) {
        var request = as(ServiceTestApp.CLERK).request("/stores/" + store + "/reservations")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return as(ServiceTestApp.CLERK).send(request);
    }

    static String reserved(long store, long product, int quantity, int ttlSeconds) {
        HttpResponse<String> response = reserve(store, """
                {"productId": %d, "quantity": %d, "ttlSeconds": %d, "reference": "order-%d"}"""
                .formatted(product, quantity, ttlSeconds, quantity), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).at("/reservation/id").asText();
    }

    static JsonNode awaitReservation(String id, String status) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = as(ServiceTestApp.AUDITOR).get("/reservations/" + id);
            return response.statusCode() == 200 && json(response).get("status").asText().equals(status);
        });
        return json(as(ServiceTestApp.AUDITOR).get("/reservations/" + id));
    }

    static JsonNode move(long store, Movements movement) {
        HttpResponse<String> response = as(ServiceTestApp.CLERK).post("/stores/" + store + "/stock-movements", movement.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = json(response).at("/movement/id").asText();
        await().atMost(PATIENCE).until(() -> as(ServiceTestApp.ADMIN).get("/stock-movements/" + id).statusCode() == 200);
        return json(as(ServiceTestApp.ADMIN).get("/stock-movements/" + id));
    }

    static JsonNode sale(long store, long product, int quantity, String reservationId) {
        Movements sale = Movements.out(product, quantity);
        return move(store, reservationId == null ? sale : sale.consuming(reservationId));
    }

    static JsonNode item(long store, long product) {
        return json(as(ServiceTestApp.ADMIN).get("/stores/" + store + "/inventory/" + product));
    }

    /** On hand, reserved and available, as the inventory row shows them. */
    static List<Long> level(long store, long product) {
        JsonNode item = item(store, product);
        return List.of(item.get("currentQuantity").asLong(), item.get("reservedQuantity").asLong(),
                item.get("availableQuantity").asLong());
    }

    static List<Map<String, Object>> feed(long store, long product) {
        return DB.withHandle(h -> h.createQuery("""
                SELECT type, quantity, reserved, delta, reserved_delta, version FROM inventory_changes
                WHERE store_id = :s AND product_id = :p ORDER BY seq""").bind("s", store).bind("p", product).mapToMap().list());
    }

    static List<String> auditActions(String reservationId) {
        return DB.withHandle(h -> h.createQuery("SELECT action_type FROM audit_logs WHERE entity_id = :id ORDER BY id")
                .bind("id", reservationId).mapTo(String.class).list());
    }

    @Test
    void anOrdersLifeHoldsStockARegisterCannotSellThenTheSaleNamingTheHoldConsumesIt() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        move(store, Movements.in(product, 10));

        HttpResponse<String> accepted = reserve(store, "{\"productId\": " + product + ", \"quantity\": 6, \"reference\": \"web-1001\"}", null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode pending = json(accepted).get("reservation");
        assertThat(json(accepted).get("message").asText()).isEqualTo("Reservation accepted");
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(accepted.headers().firstValue("Location").orElseThrow()).endsWith("/reservations/" + pending.get("id").asText());
        Instant expiresAt = Instant.parse(pending.get("expiresAt").asText());
        assertThat(Duration.between(Instant.now(), expiresAt)).as("the default ttl, 900 s")
                .isBetween(Duration.ofSeconds(880), Duration.ofSeconds(901));

        String id = pending.get("id").asText();
        JsonNode active = awaitReservation(id, "active");
        assertThat(active.get("reference").asText()).isEqualTo("web-1001");
        assertThat(active.get("endedAt").isNull()).isTrue();
        assertThat(Instant.parse(active.get("expiresAt").asText())).isEqualTo(expiresAt);
        assertThat(level(store, product)).containsExactly(10L, 6L, 4L);
        JsonNode listed = json(as(ServiceTestApp.ADMIN).get("/stores/" + store + "/inventory")).at("/inventory/0");
        assertThat(listed.get("availableQuantity").asLong()).isEqualTo(4);

        JsonNode refused = sale(store, product, 5, null);
        assertThat(refused.get("status").asText()).isEqualTo("rejected");
        assertThat(refused.get("rejectionReason").asText()).isEqualTo("insufficient available stock: 10 on hand, 6 reserved, 5 requested");

        JsonNode consumed = sale(store, product, 6, id);
        assertThat(consumed.get("status").asText()).isEqualTo("applied");
        assertThat(consumed.get("reservationId").asText()).isEqualTo(id);
        JsonNode ended = awaitReservation(id, "consumed");
        assertThat(ended.get("movementId").asText()).isEqualTo(consumed.get("id").asText());
        assertThat(level(store, product)).containsExactly(4L, 0L, 4L);
        JsonNode again = sale(store, product, 1, id);
        assertThat(again.get("rejectionReason").asText()).isEqualTo("reservation " + id + " is consumed, not active");

        assertThat(auditActions(id)).containsExactly("RESERVATION_CREATED", "RESERVATION_CONSUMED");
        List<Map<String, Object>> feed = feed(store, product);
        assertThat(feed).extracting(row -> row.get("type"), row -> ((Number) row.get("version")).longValue(),
                        row -> ((Number) row.get("reserved")).longValue())
                .containsExactly(tuple("in", 1L, 0L), tuple("reserve", 2L, 6L),
                        tuple("out", 3L, 0L));
        JsonNode changes = json(as(ServiceTestApp.ADMIN).get("/inventory-changes?storeId=" + store));
        assertThat(changes.at("/changes/1/availableQuantity").asLong()).isEqualTo(4);
        assertThat(changes.at("/changes/1/reservedDelta").asLong()).isEqualTo(6);
        assertThat(changes.at("/changes/2/version").asLong()).isEqualTo(3);
    }

    @Test
    void anAbandonedHoldExpiresWithinFiveSecondsOfItsExpiryAndItsStockIsAvailableAgain() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        move(store, Movements.in(product, 3));
        String id = reserved(store, product, 3, 1);
        awaitReservation(id, "active");

        JsonNode expired = awaitReservation(id, "expired");

        Duration late = Duration.between(Instant.parse(expired.get("expiresAt").asText()), Instant.parse(expired.get("endedAt").asText()));
        assertThat(late).isBetween(Duration.ZERO, Duration.ofSeconds(5));
        assertThat(item(store, product).get("availableQuantity").asLong()).isEqualTo(3);
        assertThat(auditActions(id)).containsExactly("RESERVATION_CREATED", "RESERVATION_EXPIRED");
        assertThat(feed(store, product)).extracting(row -> row.get("type")).containsExactly("in", "reserve", "expire");
        assertThat(sale(store, product, 3, null).get("status").asText()).isEqualTo("applied");
    }

    @Test
    void aReleaseEndsAnActiveHoldAndRepeatingItChangesNothing() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        move(store, Movements.in(product, 5));
        String id = reserved(store, product, 2, 600);
        awaitReservation(id, "active");

        HttpResponse<String> release = as(ServiceTestApp.CLERK).post("/reservations/" + id + "/release", "");
        assertThat(release.statusCode()).as(release.body()).isEqualTo(202);
        assertThat(awaitReservation(id, "released").get("endedAt").isNull()).isFalse();
        assertThat(as(ServiceTestApp.CLERK).post("/reservations/" + id + "/release", "").statusCode()).isEqualTo(202);
        move(store, Movements.in(product, 1));

        assertThat(json(as(ServiceTestApp.AUDITOR).get("/reservations/" + id)).get("status").asText()).isEqualTo("released");
        assertThat(item(store, product).get("reservedQuantity").asLong()).isZero();
        assertThat(auditActions(id)).containsExactly("RESERVATION_CREATED", "RESERVATION_RELEASED");
        assertThat(as(ServiceTestApp.AUDITOR).post("/reservations/" + id + "/release", "").statusCode())
                .as("an auditor writes nothing").isEqualTo(403);
    }

    @Test
    void aHoldBeyondWhatIsAvailableIsRejectedNamingOnHandReservedAndRequested() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        move(store, Movements.in(product, 4));
        awaitReservation(reserved(store, product, 3, 600), "active");

        JsonNode rejected = awaitReservation(reserved(store, product, 2, 600), "rejected");

        assertThat(rejected.get("rejectionReason").asText()).isEqualTo("insufficient available stock: 4 on hand, 3 reserved, 2 requested");
        assertThat(item(store, product).get("reservedQuantity").asLong()).isEqualTo(3);
    }

    @Test
    void theSameKeyFromTheSameUserNamesTheSameHoldTakenOnceAndAReplayAfterItAnswersItAsStored() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        move(store, Movements.in(product, 10));
        String body = "{\"productId\": " + product + ", \"quantity\": 2}";
        String key = "order-" + UUID.randomUUID();

        String first = json(reserve(store, body, key)).at("/reservation/id").asText();
        String second = json(reserve(store, body, key)).at("/reservation/id").asText();
        awaitReservation(first, "active");
        HttpResponse<String> replay = reserve(store, body, key);

        assertThat(second).isEqualTo(first);
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(json(replay).at("/reservation/id").asText()).isEqualTo(first);
        assertThat(json(replay).at("/reservation/status").asText()).isEqualTo("active");
        move(store, Movements.in(product, 1));
        assertThat(item(store, product).get("reservedQuantity").asLong()).isEqualTo(2);
        assertThat(auditActions(first)).containsExactly("RESERVATION_CREATED");
    }

    @Test
    void queueProducersTakeConsumeAndReleaseHoldsWithTheBodiesTheReadmeGives() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        move(store, Movements.in(product, 10));
        String group = store + ":" + product;
        UUID kept = UUID.randomUUID();
        UUID sold = UUID.randomUUID();
        UUID sale = UUID.randomUUID();

        WorkerTestApp.send(SQS, QUEUE, """
                {"type": "reserve", "reservationId": "%s", "storeId": %d, "productId": %d, "quantity": 2, "ttlSeconds": 600,
                 "reference": "phone-7", "actor": "call-centre"}""".formatted(kept, store, product), group);
        WorkerTestApp.send(SQS, QUEUE, """
                {"type": "reserve", "reservationId": "%s", "storeId": %d, "productId": %d, "quantity": 3,
                 "expiresAt": "%s"}""".formatted(sold, store, product, Instant.now().plusSeconds(600)), group);
        WorkerTestApp.send(SQS, QUEUE, """
                {"movementId": "%s", "storeId": %d, "productId": %d, "type": "out", "quantity": 3, "reservationId": "%s"}"""
                .formatted(sale, store, product, sold), group);
        WorkerTestApp.send(SQS, QUEUE, """
                {"type": "release", "reservationId": "%s", "storeId": %d, "productId": %d}""".formatted(kept, store, product), group);

        assertThat(awaitReservation(kept.toString(), "released").get("reference").asText()).isEqualTo("phone-7");
        assertThat(awaitReservation(sold.toString(), "consumed").get("movementId").asText()).isEqualTo(sale.toString());
        assertThat(level(store, product)).containsExactly(7L, 0L, 7L);
        String actor = DB.withHandle(h -> h.createQuery("SELECT actor FROM reservations WHERE id = :id").bind("id", kept)
                .mapTo(String.class).one());
        assertThat(actor).isEqualTo("call-centre");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"productId\": PRODUCT, \"quantity\": 0}                     | quantity must be greater than or equal to 1",
        "{\"productId\": PRODUCT, \"quantity\": 1000001}               | quantity must be less than or equal to 1000000",
        "{\"productId\": PRODUCT}                                      | quantity must not be null",
        "{\"quantity\": 1}                                             | productId must not be null",
        "{\"productId\": PRODUCT, \"quantity\": 1, \"ttlSeconds\": 0}  | ttlSeconds must be greater than or equal to 1",
        "{\"productId\": PRODUCT, \"quantity\": 1, \"ttlSeconds\": 604801} | ttlSeconds must be less than or equal to 604800",
        "{\"productId\": PRODUCT, \"quantity\": 1, \"reference\": \"\"} | reference size must be between 1 and 255",
        "{\"productId\": PRODUCT, \"quantity\": \"1\"}                 | quantity",
        "{\"productId\": PRODUCT, \"quantity\": 1, \"colour\": 1}      | colour",
    })
    void aBadHoldIs400AndNothingIsEnqueued(String body, String problem) {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();

        HttpResponse<String> response = reserve(store, body.replace("PRODUCT", String.valueOf(product)), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(problem);
        assertThat(json(as(ServiceTestApp.ADMIN).get("/stores/" + store + "/reservations")).get("reservations")).isEmpty();
    }

    @Test
    void unknownStoresProductsAndHoldsAre404AndABadIdOrFilterIs400() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        String body = "{\"productId\": " + product + ", \"quantity\": 1}";

        assertThat(reserve(999_999_999L, body, null).statusCode()).isEqualTo(404);
        assertThat(reserve(store, "{\"productId\": 999999999, \"quantity\": 1}", null).statusCode()).isEqualTo(404);
        assertThat(as(ServiceTestApp.AUDITOR).get("/reservations/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(as(ServiceTestApp.CLERK).post("/reservations/" + UUID.randomUUID() + "/release", "").statusCode()).isEqualTo(404);
        assertThat(as(ServiceTestApp.AUDITOR).get("/reservations/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(as(ServiceTestApp.AUDITOR).get("/stores/" + store + "/reservations?status=held").statusCode()).isEqualTo(400);
        assertThat(as(ServiceTestApp.AUDITOR).get("/stores/" + store + "/reservations?cursor=nonsense").statusCode()).isEqualTo(400);
        assertThat(as(ServiceTestApp.AUDITOR).get("/stores/999999999/reservations").statusCode()).isEqualTo(404);
        HttpResponse<String> inWithHold = as(ServiceTestApp.CLERK).post("/stores/" + store + "/stock-movements",
                "{\"productId\": " + product + ", \"type\": \"in\", \"quantity\": 1, \"reservationId\": \"" + UUID.randomUUID() + "\"}");
        assertThat(inWithHold.statusCode()).isEqualTo(400);
        assertThat(inWithHold.body()).contains("reservationId is only allowed with type out");
        
    }

    @Test
    void aStoresHoldsAreListedNewestFirstByStatusAndProductPageByPage() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        long other = as(ServiceTestApp.ADMIN).newProduct();
        move(store, Movements.in(product, 10));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(reserved(store, product, 1, 600));
        }
        String rejected = reserved(store, other, 1, 600);
        awaitReservation(rejected, "rejected");
        ids.forEach(id -> awaitReservation(id, "active"));

        JsonNode first = json(as(ServiceTestApp.AUDITOR).get("/stores/" + store + "/reservations?status=active&limit=2"));
        JsonNode second = json(as(ServiceTestApp.AUDITOR).get("/stores/" + store + "/reservations?status=active&limit=2&cursor="
                + first.get("nextCursor").asText()));

        assertThat(first.get("reservations")).extracting(r -> r.get("id").asText()).containsExactly(ids.get(2), ids.get(1));
        assertThat(second.get("reservations")).extracting(r -> r.get("id").asText()).containsExactly(ids.get(0));
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(json(as(ServiceTestApp.AUDITOR).get("/stores/" + store + "/reservations?productId=" + other)).get("reservations"))
                .extracting(r -> r.get("id").asText()).containsExactly(rejected);
    }
}
