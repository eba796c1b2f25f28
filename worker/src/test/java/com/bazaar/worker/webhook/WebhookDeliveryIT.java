package com.bazaar.worker.webhook;

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
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks delivered by the worker to real HTTP receivers on this machine (WEBHOOK_ALLOW_PRIVATE=true): every change
 * of the subscription's store once each in feed order with a valid signature; a receiver failing for a while gets
 * every event again with the same id and never a later one first; a hanging receiver does not delay another
 * subscription; a worker stopped mid-stream is followed by the next from the persisted position; one failing past
 * failAfter stops, is named by the health check, and resumes from its first undelivered event; stock.low and
 * reservation.expired come from the same feed.
 */
class WebhookDeliveryIT {
    // Started and stopped here rather than by DropwizardExtensionsSupport: one test stops the worker and starts another.
    static final ConfigOverride[] FAST = {
        ConfigOverride.config("webhooks.allowPrivate", "true"),
        ConfigOverride.config("worker.webhooks.firstRetry", "100ms"),
        ConfigOverride.config("worker.webhooks.pollInterval", "50ms"),
        ConfigOverride.config("worker.webhooks.timeout", "1s"),
        ConfigOverride.config("worker.webhooks.lease", "3s"),
        ConfigOverride.config("worker.webhooks.failAfter", "5s")};
    static final DropwizardAppExtension<ServiceConfiguration> SERVICE = ServiceTestApp.extension(FAST);
    static final Jdbi DB = ServiceTestApp.database();
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static DropwizardAppExtension<WorkerConfiguration> worker;

    @BeforeAll
    static void start() throws Exception {
        SERVICE.before();
        worker = WorkerTestApp.extension(FAST);
        worker.before();
    }

    @AfterAll
    static void stop() {
        worker.after();
        SERVICE.after();
    }

    @AfterEach
    void noSubscriptionOutlivesItsTest() {
        DB.useHandle(h -> h.execute("DELETE FROM webhook_subscriptions"));
    }

    static Api admin() {
        return Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    record Subscribed(String id, String secret) {
    }

    static Subscribed subscribe(String url, long store) {
        return subscribe(url, store, "\"inventory.changed\"");
    }

    static Subscribed subscribe(String url, long store, String events) {
        var response = admin().post("/webhooks", "{\"url\": \"" + url + "\", \"events\": [" + events + "], \"storeId\": "
                + store + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new Subscribed(json(response).get("id").asText(), json(response).get("secret").asText());
    }

    static void stockIn(long store, long product, int times) {
        for (int i = 0; i < times; i++) {
            var response = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.CLERK)
                    .post("/stores/" + store + "/stock-movements", Movements.in(product, i + 1).body());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
    }

    /** What the receiver accepted, one per event id, in the order first accepted. */
    static List<JsonNode> acceptedOnce(Receiver receiver) {
        return receiver.accepted().stream().collect(Collectors.toMap(Receiver.Received::eventId, Receiver.Received::json,
                (first, again) -> first, java.util.LinkedHashMap::new)).values().stream().toList();
    }

    static List<Long> versions(List<JsonNode> events) {
        return events.stream().map(e -> e.at("/data/version").asLong()).toList();
    }

    @Test
    void everyChangeOfTheStoreArrivesOnceInOrderSigned() {
        long store = admin().newStore();
        long otherStore = admin().newStore();
        long product = admin().newProduct();
        try (var receiver = new Receiver()) {
            Subscribed hook = subscribe(receiver.url(), store);
            stockIn(store, product, 12);
            stockIn(otherStore, product, 3);

            await().atMost(PATIENCE).until(() -> receiver.accepted().size() >= 12);
            List<Receiver.Received> got = receiver.received();
            assertThat(got).hasSize(12).allSatisfy(r -> {
                assertThat(r.signedWith(hook.secret())).as(r.signature() + " over " + r.body()).isTrue();
                assertThat(r.json().get("id").asText()).isEqualTo(r.eventId());
                assertThat(r.json().get("type").asText()).isEqualTo("inventory.changed");
                assertThat(r.json().at("/data/storeId").asLong()).isEqualTo(store);
            });
            assertThat(got.stream().map(Receiver.Received::eventId).distinct()).hasSize(12);
            assertThat(got.stream().map(Receiver.Received::sequence).toList()).isSorted().doesNotHaveDuplicates();
            assertThat(versions(got.stream().map(Receiver.Received::json).toList()))
                    .isEqualTo(LongStream.rangeClosed(1, 12).boxed().toList());
            assertThat(got.get(11).json().at("/data/quantity").asLong()).isEqualTo(12 * 13 / 2);
            var deliveries = json(admin().get("/webhooks/" + hook.id() + "/deliveries?limit=100")).get("deliveries");
            assertThat(deliveries.findValuesAsText("statusCode")).hasSize(12).containsOnly("200");
        }
    }

    @Test
    void aReceiverFailingForAWhileGetsEveryEventAgainInOrderWithTheSameIds() {
        long store = admin().newStore();
        long product = admin().newProduct();
        try (var receiver = new Receiver()) {
            receiver.answer(500);
            Subscribed hook = subscribe(receiver.url(), store);
            stockIn(store, product, 6);
            await().atMost(PATIENCE).until(() -> receiver.received().size() >= 3);
            receiver.answer(204);

            await().atMost(PATIENCE).until(() -> acceptedOnce(receiver).size() >= 6);
            List<Receiver.Received> all = receiver.received();
            assertThat(all.stream().filter(r -> r.answeredWith() == 500).map(Receiver.Received::eventId).distinct())
                    .as("while it failed, only the first event was tried").hasSize(1);
            assertThat(all.stream().map(Receiver.Received::sequence).toList()).as("never a later event before an earlier one")
                    .isSorted();
            Map<String, List<String>> bodiesById = all.stream().collect(Collectors.groupingBy(Receiver.Received::eventId,
                    Collectors.mapping(Receiver.Received::body, Collectors.toList())));
            assertThat(bodiesById.values()).allSatisfy(bodies -> assertThat(new LinkedHashSet<>(bodies)).hasSize(1));
            assertThat(versions(acceptedOnce(receiver))).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L));
            var attempts = json(admin().get("/webhooks/" + hook.id() + "/deliveries?limit=100")).get("deliveries");
            List<Integer> tries = new ArrayList<>();
            attempts.forEach(a -> {
                if (a.get("sequence").asLong() == all.get(0).sequence()) {
                    tries.add(a.get("attempt").asInt());
                }
            });
            assertThat(tries).as("the first event's attempts, newest first").startsWith(tries.size()).contains(1);
            assertThat(json(admin().get("/webhooks/" + hook.id())).get("status").asText()).isEqualTo("active");
        }
    }

    @Test
    void aHangingReceiverDoesNotDelayAnotherSubscription() {
        long store = admin().newStore();
        long product = admin().newProduct();
        try (var hanging = new Receiver(); var healthy = new Receiver()) {
            hanging.hang(30_000);
            subscribe(hanging.url(), store);
            subscribe(healthy.url(), store);
            stockIn(store, product, 5);

            await().atMost(Duration.ofSeconds(10)).until(() -> healthy.accepted().size() >= 5);
            assertThat(versions(acceptedOnce(healthy))).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L));
            assertThat(hanging.accepted()).isEmpty();
        }
    }

    @Test
    void aWorkerStoppedMidStreamIsFollowedFromThePersistedPosition() throws Exception {
        long store = admin().newStore();
        long product = admin().newProduct();
        try (var receiver = new Receiver()) {
            subscribe(receiver.url(), store);
            stockIn(store, product, 4);
            await().atMost(PATIENCE).until(() -> receiver.accepted().size() >= 4);

            worker.after();
            stockIn(store, product, 4);
            Thread.sleep(500); // nothing can arrive: no worker applies or delivers
            assertThat(receiver.received()).hasSize(4);
            worker = WorkerTestApp.extension(FAST);
            worker.before();

            await().atMost(PATIENCE).until(() -> acceptedOnce(receiver).size() >= 8);
            assertThat(versions(acceptedOnce(receiver))).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L));
            assertThat(receiver.received()).as("nothing delivered twice: the stop handed the position on").hasSize(8);
        }
    }

    @Test
    void aLeaseLeftByACrashedDispatcherIsTakenOverOnceItRunsOut() {
        long store = admin().newStore();
        long product = admin().newProduct();
        try (var receiver = new Receiver()) {
            Subscribed hook = subscribe(receiver.url(), store);
            // What a worker killed while delivering leaves behind: a lease no one will renew or hand back.
            DB.useHandle(h -> h.createUpdate("UPDATE webhook_subscriptions SET lease_token = gen_random_uuid(), "
                    + "lease_until = now() + interval '2 seconds' WHERE id = CAST(:id AS uuid)").bind("id", hook.id()).execute());
            long leased = System.nanoTime();
            stockIn(store, product, 3);

            await().atMost(PATIENCE).until(() -> receiver.accepted().size() >= 3);
            assertThat(Duration.ofNanos(System.nanoTime() - leased)).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
            assertThat(versions(acceptedOnce(receiver))).isEqualTo(List.of(1L, 2L, 3L));
        }
    }

    static JsonNode workerHealth() {
        return json(Api.at(worker.getAdminPort()).get("/healthcheck")).get("webhooks");
    }

    @Test
    void aSubscriptionFailingPastFailAfterStopsIsNamedByTheHealthCheckAndResumesWhereItStopped() {
        long store = admin().newStore();
        long product = admin().newProduct();
        try (var receiver = new Receiver()) {
            receiver.answer(503);
            Subscribed hook = subscribe(receiver.url(), store);
            stockIn(store, product, 3);

            await().atMost(PATIENCE).until(() -> json(admin().get("/webhooks/" + hook.id())).get("status").asText().equals("failing"));
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(workerHealth().get("healthy").asBoolean()).isFalse();
                assertThat(workerHealth().get("message").asText()).contains(hook.id(), receiver.url());
            });
            int triedWhileFailing = receiver.received().size();
            receiver.answer(200);
            assertThat(receiver.received()).as("a failing subscription is not tried").hasSize(triedWhileFailing);

            var resumed = admin().post("/webhooks/" + hook.id() + "/resume", "");
            assertThat(resumed.statusCode()).isEqualTo(200);
            assertThat(json(resumed).get("status").asText()).isEqualTo("active");
            await().atMost(PATIENCE).until(() -> acceptedOnce(receiver).size() >= 3);
            assertThat(versions(acceptedOnce(receiver))).isEqualTo(List.of(1L, 2L, 3L));
            assertThat(receiver.received().stream().map(Receiver.Received::sequence).toList()).isSorted();
            await().atMost(PATIENCE).until(() -> workerHealth().get("healthy").asBoolean());
        }
    }

    @Test
    void stockLowAndReservationExpiredComeFromTheFeedInItsOrder() {
        long store = admin().newStore();
        long product = admin().newProduct();
        try (var receiver = new Receiver()) {
            Subscribed hook = subscribe(receiver.url(), store, "\"stock.low\", \"reservation.expired\"");
            var threshold = admin().send(admin().request("/stores/" + store + "/inventory/" + product + "/threshold")
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"lowStockThreshold\": 5}")));
            assertThat(threshold.statusCode()).as(threshold.body()).isEqualTo(200);
            stockIn(store, product, 4); // 1 + 2 + 3 + 4 = 10 on hand
            var hold = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.CLERK).post("/stores/" + store + "/reservations",
                    "{\"productId\": " + product + ", \"quantity\": 2, \"ttlSeconds\": 1}");
            assertThat(hold.statusCode()).as(hold.body()).isEqualTo(202);
            String holdId = json(hold).at("/reservation/id").asText();
            var sale = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.CLERK).post("/stores/" + store + "/stock-movements",
                    Movements.out(product, 6).body());
            assertThat(sale.statusCode()).as(sale.body()).isEqualTo(202);
            String saleId = json(sale).at("/movement/id").asText();

            await().atMost(PATIENCE).until(() -> acceptedOnce(receiver).size() >= 2);
            List<JsonNode> events = acceptedOnce(receiver);
            assertThat(events).hasSize(2);
            JsonNode low = events.stream().filter(e -> e.get("type").asText().equals("stock.low")).findFirst().orElseThrow();
            JsonNode expired = events.stream().filter(e -> e.get("type").asText().equals("reservation.expired")).findFirst().orElseThrow();
            assertThat(low.at("/data/movementId").asText()).isEqualTo(saleId);
            assertThat(low.at("/data/quantity").asLong()).isEqualTo(4);
            assertThat(low.at("/data/lowStockThreshold").asInt()).isEqualTo(5);
            assertThat(expired.at("/data/reservationId").asText()).isEqualTo(holdId);
            assertThat(expired.at("/data/quantity").asLong()).isEqualTo(2);
            assertThat(receiver.received()).allSatisfy(r -> assertThat(r.signedWith(hook.secret())).isTrue());
            assertThat(receiver.received().stream().map(Receiver.Received::sequence).toList()).isSorted();
        }
    }
}
