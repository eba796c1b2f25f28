package com.bazaar.worker.reservation;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import com.bazaar.testing.SharedTestStack;
import com.bazaar.worker.WorkerConfiguration;
import com.bazaar.worker.WorkerTestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Holds, sales with and without holds, counts and releases racing on one product, through the API and from a queue
 * producer; then the history is replayed to check that it is a serial order in which every decision was right, and
 * a hold that expires while a sale naming it is on its way ends one way only.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReservationRaceIT {
    static final DropwizardAppExtension<ServiceConfiguration> SERVICE = ServiceTestApp.extension();
    static final DropwizardAppExtension<WorkerConfiguration> WORKER = WorkerTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();
    static final SqsClient SQS = WorkerTestApp.sqs();
    static final String QUEUE = WorkerTestApp.queueUrl(SQS, SharedTestStack.QUEUE);
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final Pattern SHORT = Pattern.compile("insufficient (?:available )?stock: (-?\\d+) on hand, (?:(\\d+) reserved, )?(\\d+) requested");

    /** The races wrote audit rows from several worker threads and the service at once: their chain still verifies. */
    @AfterAll
    static void theAuditChainStillVerifiesAndCloseClient() {
        SQS.close();
        HttpResponse<String> verified = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.AUDITOR).get("/audit-logs/verify");
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(json(verified).get("valid").asBoolean()).as(verified.body()).isTrue();
    }

    static Api clerk() {
        return Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.CLERK);
    }

    static String accepted(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).at("/" + field + "/id").asText();
    }

    static String reserve(long store, long product, int quantity) {
        return accepted(clerk().post("/stores/" + store + "/reservations",
                "{\"productId\": " + product + ", \"quantity\": " + quantity + ", \"ttlSeconds\": 600}"), "reservation");
    }

    static String move(long store, Movements movement) {
        return accepted(clerk().post("/stores/" + store + "/stock-movements", movement.body()), "movement");
    }

    record Row(String type, long quantity, long reserved, long delta, long reservedDelta, long version, UUID movementId) {
    }

    static List<Row> feed(long store, long product) {
        return DB.withHandle(h -> h.createQuery("""
                SELECT type, quantity, reserved, delta, reserved_delta, version, movement_id FROM inventory_changes
                WHERE store_id = :s AND product_id = :p ORDER BY seq""").bind("s", store).bind("p", product)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getObject(7, UUID.class))).list());
    }

    static List<String> rejections(long store, long product) {
        List<String> reasons = new ArrayList<>(DB.withHandle(h -> h.createQuery("""
                SELECT rejection_reason FROM stock_movements WHERE store_id = :s AND product_id = :p AND status = 'rejected'""")
                .bind("s", store).bind("p", product).mapTo(String.class).list()));
        reasons.addAll(DB.withHandle(h -> h.createQuery("""
                SELECT rejection_reason FROM reservations WHERE store_id = :s AND product_id = :p AND status = 'rejected'""")
                .bind("s", store).bind("p", product).mapTo(String.class).list()));
        return reasons;
    }

    @Test
    void holdsSalesCountsAndReleasesRacingOnOneProductEndInASerialOrderWhereEveryDecisionWasRight() throws Exception {
        long store = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN).newStore();
        long product = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN).newProduct();
        String group = store + ":" + product;
        Random random = new Random(23);
        List<Callable<List<String>>> tasks = new ArrayList<>();
        tasks.add(() -> List.of(move(store, Movements.in(product, 60))));
        for (int i = 0; i < 200; i++) {
            int quantity = 1 + random.nextInt(5);
            boolean count = i % 20 == 8;
            switch (i % 10) {
                case 0, 1, 2 -> tasks.add(() -> List.of(reserve(store, product, quantity)));
                case 3 -> tasks.add(() -> {
                    String hold = reserve(store, product, quantity);
                    return List.of(hold, move(store, Movements.out(product, quantity).consuming(hold)));
                });
                case 4 -> tasks.add(() -> {
                    String hold = reserve(store, product, quantity);
                    await().atMost(PATIENCE).until(() -> clerk().get("/reservations/" + hold).statusCode() == 200);
                    HttpResponse<String> release = clerk().post("/reservations/" + hold + "/release", "");
                    assertThat(release.statusCode()).as(release.body()).isEqualTo(202);
                    return List.of(hold);
                });
                case 5, 6 -> tasks.add(() -> List.of(move(store, Movements.out(product, quantity))));
                case 7 -> tasks.add(() -> List.of(move(store, Movements.in(product, 2 * quantity))));
                case 8 -> tasks.add(() -> List.of(move(store, count ? Movements.count(product, 4 * quantity)
                        : Movements.manual(product, quantity))));
                default -> tasks.add(() -> {
                    UUID hold = UUID.randomUUID();
                    UUID sale = UUID.randomUUID();
                    WorkerTestApp.send(SQS, QUEUE, """
                            {"type": "reserve", "reservationId": "%s", "storeId": %d, "productId": %d, "quantity": %d,
                             "ttlSeconds": 600}""".formatted(hold, store, product, quantity), group);
                    WorkerTestApp.send(SQS, QUEUE, Movements.out(product, quantity).consuming(hold).id(sale).at(store)
                            .message(), group);
                    return List.of(hold.toString(), sale.toString());
                });
            }
        }
        List<String> ids = concurrently(tasks);

        Set<UUID> expected = new HashSet<>();
        ids.forEach(id -> expected.add(UUID.fromString(id)));
        await().atMost(PATIENCE).until(() -> DB.withHandle(h -> h.createQuery("""
                SELECT (SELECT count(*) FROM stock_movements WHERE movement_id = ANY(:ids))
                     + (SELECT count(*) FROM reservations WHERE id = ANY(:ids))""")
                .bind("ids", expected.toArray(UUID[]::new)).mapTo(Long.class).one()) == expected.size());
        await().atMost(PATIENCE).until(() -> DB.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM reservations WHERE id = ANY(:ids) AND status = 'active' AND EXISTS (SELECT 1 FROM "
                        + "audit_logs a WHERE a.entity_id = reservations.id::text AND a.action_type = 'RESERVATION_RELEASED')")
                .bind("ids", expected.toArray(UUID[]::new)).mapTo(Long.class).one()) == 0);

        List<Row> history = feed(store, product);
        Set<List<Long>> states = new HashSet<>();
        long onHand = 0;
        long reserved = 0;
        states.add(List.of(onHand, reserved));
        for (int i = 0; i < history.size(); i++) {
            Row row = history.get(i);
            assertThat(row.version()).as("versions grow by exactly 1: %s", row).isEqualTo(i + 1);
            assertThat(row.quantity()).as("on hand follows the deltas: %s", row).isEqualTo(onHand + row.delta());
            assertThat(row.reserved()).as("reserved follows its deltas: %s", row).isEqualTo(reserved + row.reservedDelta());
            onHand = row.quantity();
            reserved = row.reserved();
            states.add(List.of(onHand, reserved));
            switch (row.type()) {
                case "reserve" -> assertThat(onHand - reserved).as("a hold never takes more than is available: %s", row)
                        .isGreaterThanOrEqualTo(0);
                case "out", "manual" -> {
                    if (row.reservedDelta() == 0) {
                        assertThat(onHand - reserved).as("a sale without a hold never takes what is held: %s", row)
                                .isGreaterThanOrEqualTo(0);
                    } else {
                        assertThat(onHand).as("a sale of a hold never takes on hand below zero: %s", row).isGreaterThanOrEqualTo(0);
                    }
                }
                default -> assertThat(reserved).isGreaterThanOrEqualTo(0);
            }
        }
        List<String> rejected = rejections(store, product);
        int checked = 0;
        for (String reason : rejected) {
            Matcher short_ = SHORT.matcher(reason);
            if (!short_.matches()) {
                assertThat(reason).as("any other rejection is about the hold a sale named").startsWith("reservation ");
                continue;
            }
            long n = Long.parseLong(short_.group(1));
            long r = short_.group(2) == null ? 0 : Long.parseLong(short_.group(2));
            long q = Long.parseLong(short_.group(3));
            if (short_.group(2) == null) {
                assertThat(states).as("the level a rejection saw (%s) is one the history passed through", reason)
                        .anySatisfy(state -> assertThat(state.get(0)).isEqualTo(n));
            } else {
                assertThat(states).as("the level a rejection saw (%s) is one the history passed through", reason)
                        .contains(List.of(n, r));
            }
            assertThat(q).as("it asked for more than it could take: %s", reason).isGreaterThan(n - r);
            checked++;
        }
        assertThat(checked).as("the race had refusals to check").isPositive();
        assertThat(history).extracting(Row::type).contains("reserve", "release", "out", "count");

        Map<String, Object> level = DB.withHandle(h -> h.createQuery(
                "SELECT quantity, reserved, version FROM inventory_levels WHERE store_id = :s AND product_id = :p")
                .bind("s", store).bind("p", product).mapToMap().one());
        long activeHeld = DB.withHandle(h -> h.createQuery(
                "SELECT COALESCE(sum(quantity), 0) FROM reservations WHERE store_id = :s AND product_id = :p AND status = 'active'")
                .bind("s", store).bind("p", product).mapTo(Long.class).one());
        long ledgerSum = DB.withHandle(h -> h.createQuery(
                "SELECT COALESCE(sum(delta), 0) FROM stock_movements WHERE store_id = :s AND product_id = :p AND status = 'applied'")
                .bind("s", store).bind("p", product).mapTo(Long.class).one());
        assertThat(((Number) level.get("reserved")).longValue()).as("reserved is the sum of the active holds").isEqualTo(activeHeld);
        assertThat(((Number) level.get("quantity")).longValue()).isEqualTo(ledgerSum).isEqualTo(onHand);
        assertThat(((Number) level.get("version")).longValue()).isEqualTo(history.size());
        long badConsumes = DB.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM reservations r WHERE r.store_id = :s AND r.status = 'consumed' AND NOT EXISTS (
                    SELECT 1 FROM stock_movements m WHERE m.movement_id = r.movement_id AND m.status = 'applied'
                      AND m.reservation_id = r.id)""").bind("s", store).mapTo(Long.class).one());
        assertThat(badConsumes).as("every consumed hold has its applied sale").isZero();
    }

    @Test
    void aHoldExpiringWhileASaleNamingItIsOnItsWayEndsOneWayOnlyAndTheAuditSaysWhich() throws Exception {
        long store = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN).newStore();
        long product = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN).newProduct();
        String stock = move(store, Movements.in(product, 100));
        await().atMost(PATIENCE).until(() -> clerk().get("/stock-movements/" + stock).statusCode() == 200);
        record Race(String hold, String sale) {
        }
        List<Race> races = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> response = clerk().post("/stores/" + store + "/reservations",
                    "{\"productId\": " + product + ", \"quantity\": 2, \"ttlSeconds\": 1}");
            String hold = accepted(response, "reservation");
            Instant expiresAt = Instant.parse(json(response).at("/reservation/expiresAt").asText());
            // From 400 ms before the expiry to 300 ms after it: some sales must win, some must lose.
            long wait = Duration.between(Instant.now(), expiresAt).toMillis() - 400 + i * 100L;
            Thread.sleep(Math.max(0, wait));
            races.add(new Race(hold, move(store, Movements.out(product, 2).consuming(hold))));
        }

        int consumed = 0;
        for (Race race : races) {
            await().atMost(PATIENCE).until(() -> clerk().get("/stock-movements/" + race.sale()).statusCode() == 200);
            await().atMost(PATIENCE).until(() -> !json(clerk().get("/reservations/" + race.hold())).get("status").asText().equals("active"));
            String status = json(clerk().get("/reservations/" + race.hold())).get("status").asText();
            String sale = json(clerk().get("/stock-movements/" + race.sale())).get("status").asText();
            List<String> actions = DB.withHandle(h -> h.createQuery(
                    "SELECT action_type FROM audit_logs WHERE entity_id = :id ORDER BY id").bind("id", race.hold())
                    .mapTo(String.class).list());
            if (status.equals("consumed")) {
                consumed++;
                assertThat(sale).isEqualTo("applied");
                assertThat(actions).containsExactly("RESERVATION_CREATED", "RESERVATION_CONSUMED");
            } else {
                assertThat(status).isEqualTo("expired");
                assertThat(sale).isEqualTo("rejected");
                assertThat(json(clerk().get("/stock-movements/" + race.sale())).get("rejectionReason").asText())
                        .contains("reservation " + race.hold()).contains("expired");
                assertThat(actions).containsExactly("RESERVATION_CREATED", "RESERVATION_EXPIRED");
            }
        }
        long onHand = Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN).currentQuantity(store, product);
        assertThat(onHand).isEqualTo(100 - 2L * consumed);
        assertThat(json(clerk().get("/stores/" + store + "/inventory/" + product)).get("reservedQuantity").asLong()).isZero();
    }

    static List<String> concurrently(List<Callable<List<String>>> tasks) throws Exception {
        List<Callable<List<String>>> shuffled = new ArrayList<>(tasks);
        Collections.shuffle(shuffled, new Random(7));
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<String> ids = new ArrayList<>();
            for (Future<List<String>> result : clients.invokeAll(shuffled)) {
                ids.addAll(result.get());
            }
            return ids;
        } finally {
            clients.shutdown();
        }
    }
}
