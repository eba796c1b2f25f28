package com.bazaar.worker.feed;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.movement.MovementType;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The change feed against the whole pipeline: it never steps over a transaction that commits late, and a client
 * following it during a concurrent load (the worker's four consumer threads) ends with every level exactly.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ChangeFeedIT {
    static final DropwizardAppExtension<ServiceConfiguration> SERVICE = ServiceTestApp.extension();
    static final DropwizardAppExtension<WorkerConfiguration> WORKER = WorkerTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();
    static final SqsClient SQS = WorkerTestApp.sqs();
    static final String QUEUE = WorkerTestApp.queueUrl(SQS, SharedTestStack.QUEUE);
    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final long HOLD_LOCK = 13_013L;

    @AfterAll
    static void closeClient() {
        SQS.close();
    }

    static Api as(String user) {
        return Api.at(SERVICE.getLocalPort()).as(user);
    }

    static JsonNode page(String query) {
        var response = as(ServiceTestApp.AUDITOR).get("/inventory-changes" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Follows the feed from {@code cursor} until a page comes back empty; returns the changes and the last cursor. */
    static String follow(String cursor, List<JsonNode> into) {
        while (true) {
            JsonNode page = page("?limit=1000" + (cursor == null ? "" : "&after=" + cursor));
            page.get("changes").forEach(into::add);
            if (page.get("changes").isEmpty()) {
                return page.get("nextCursor").asText();
            }
            cursor = page.get("nextCursor").asText();
        }
    }

    static String post(long store, long product, int quantity) {
        var response = as(ServiceTestApp.CLERK).post("/stores/" + store + "/stock-movements",
                Movements.in(product, quantity).body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).at("/movement/id").asText();
    }

    static void awaitApplied(String movementId) {
        await().atMost(PATIENCE).until(() -> as(ServiceTestApp.ADMIN).get("/stock-movements/" + movementId).statusCode() == 200);
    }

    static long ledgerId(String movementId) {
        return DB.withHandle(h -> h.createQuery("SELECT id FROM stock_movements WHERE movement_id = :id")
                .bind("id", UUID.fromString(movementId)).mapTo(Long.class).one());
    }

    static List<String> movementIds(List<JsonNode> changes) {
        return changes.stream().map(c -> c.get("movementId").asText()).toList();
    }

    @Test
    void aTransactionThatCommitsAfterALaterOneIsStillDelivered() throws Exception {
        long early = as(ServiceTestApp.ADMIN).newStore();
        long late = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        String start = follow(null, new ArrayList<>());

        // Movements of store `early` stop inside their transaction, after their ledger row is written, until the
        // test lets them go: a worker thread holding an open transaction with the smaller ledger id.
        try (Handle holder = DB.open()) {
            holder.execute("SELECT pg_advisory_lock(" + HOLD_LOCK + ")");
            DB.useHandle(h -> h.execute("""
                    CREATE FUNCTION hold_store_%1$d() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.store_id = %1$d THEN
                            PERFORM pg_advisory_xact_lock_shared(%2$d);
                        END IF;
                        RETURN NEW;
                    END $$;
                    CREATE TRIGGER hold_store_%1$d AFTER INSERT ON stock_movements
                        FOR EACH ROW EXECUTE FUNCTION hold_store_%1$d();
                    """.formatted(early, HOLD_LOCK)));
            try {
                String first = post(early, product, 5);
                await().atMost(PATIENCE).until(() -> DB.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = :k""")
                        .bind("k", HOLD_LOCK).mapTo(Long.class).one()) == 1);

                String second = post(late, product, 7);
                awaitApplied(second);
                List<JsonNode> seen = new ArrayList<>();
                String cursor = follow(start, seen);
                assertThat(movementIds(seen)).contains(second).doesNotContain(first);

                holder.execute("SELECT pg_advisory_unlock(" + HOLD_LOCK + ")");
                awaitApplied(first);
                assertThat(ledgerId(first)).as("the late commit has the smaller ledger id: a ledger-id cursor would skip it")
                        .isLessThan(ledgerId(second));
                List<JsonNode> after = new ArrayList<>();
                follow(cursor, after);
                assertThat(movementIds(after)).contains(first).doesNotContain(second);
                JsonNode change = after.stream().filter(c -> c.get("movementId").asText().equals(first)).findFirst().orElseThrow();
                assertThat(List.of(change.get("storeId").asLong(), change.get("productId").asLong(), change.get("quantity").asLong(),
                        change.get("delta").asLong(), change.get("type").asText())).containsExactly(early, product, 5L, 5L, "in");
                assertThat(change.get("appliedAt").isNull()).isFalse();
            } finally {
                holder.execute("SELECT pg_advisory_unlock_all()");
                DB.useHandle(h -> h.execute("DROP TRIGGER hold_store_%1$d ON stock_movements; DROP FUNCTION hold_store_%1$d();"
                        .formatted(early)));
            }
        }
    }

    @Test
    void followingTheFeedFromTheStartDuringARandomizedLoadReproducesEveryLevel() throws Exception {
        List<Long> stores = IntStream.range(0, 3).mapToObj(i -> as(ServiceTestApp.ADMIN).newStore()).toList();
        List<Long> products = IntStream.range(0, 4).mapToObj(i -> as(ServiceTestApp.ADMIN).newProduct()).toList();
        Random random = new Random(13);
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            long store = stores.get(random.nextInt(stores.size()));
            long product = products.get(random.nextInt(products.size()));
            Movements movement = switch (random.nextInt(6)) {
                case 0, 1 -> Movements.in(product, 1 + random.nextInt(20));
                case 2 -> Movements.out(product, 1 + random.nextInt(10));
                case 3 -> Movements.count(product, random.nextInt(30));
                default -> Movements.of(MovementType.TRANSFER_OUT, product, 1 + random.nextInt(10))
                        .to(stores.get((stores.indexOf(store) + 1) % stores.size()));
            };
            // Groups of their own, so that all consumer threads apply movements of the same levels at once.
            entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i % 10))
                    .messageBody(movement.at(store).message())
                    .messageGroupId(UUID.randomUUID().toString()).messageDeduplicationId(UUID.randomUUID().toString()).build());
        }

        AtomicBoolean loadDone = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            Future<List<JsonNode>> follower = threads.submit(() -> {
                List<JsonNode> changes = new ArrayList<>();
                String cursor = null;
                while (!loadDone.get()) {
                    JsonNode page = page("?limit=" + (1 + random.nextInt(200)) + (cursor == null ? "" : "&after=" + cursor));
                    page.get("changes").forEach(changes::add);
                    cursor = page.get("nextCursor").asText();
                }
                follow(cursor, changes);
                return changes;
            });
            List<Future<?>> sends = new ArrayList<>();
            for (int from = 0; from < entries.size(); from += 10) {
                List<SendMessageBatchRequestEntry> batch = entries.subList(from, from + 10);
                sends.add(threads.submit(() -> assertThat(SQS.sendMessageBatch(r -> r.queueUrl(QUEUE).entries(batch))
                        .failed()).isEmpty()));
            }
            for (Future<?> send : sends) {
                send.get();
            }
            long transfers = entries.stream().filter(e -> e.messageBody().contains("transfer_out")).count();
            await().atMost(PATIENCE).until(() -> DB.withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM stock_movements WHERE store_id = ANY(:s)").bind("s", stores.toArray(Long[]::new))
                    .mapTo(Long.class).one()) == entries.size() + transfers);
            loadDone.set(true);

            Map<String, Long> followed = new HashMap<>();
            Map<String, Long> summed = new HashMap<>();
            for (JsonNode change : follower.get()) {
                if (!stores.contains(change.get("storeId").asLong())) {
                    continue;
                }
                String level = change.get("storeId").asLong() + ":" + change.get("productId").asLong();
                long delta = change.get("delta").asLong();
                assertThat(change.get("quantity").asLong()).as("each change of a level follows the one before it: " + change)
                        .isEqualTo(followed.getOrDefault(level, 0L) + delta);
                followed.put(level, change.get("quantity").asLong());
                summed.merge(level, delta, Long::sum);
            }
            Map<String, Long> levels = new HashMap<>();
            DB.withHandle(h -> h.createQuery("SELECT store_id, product_id, quantity FROM inventory_levels WHERE store_id = ANY(:s)")
                    .bind("s", stores.toArray(Long[]::new)).mapToMap().list())
                    .forEach(row -> levels.put(row.get("store_id") + ":" + row.get("product_id"), (Long) row.get("quantity")));
            levels.values().removeIf(quantity -> quantity == 0);
            followed.values().removeIf(quantity -> quantity == 0);
            summed.values().removeIf(quantity -> quantity == 0);
            assertThat(levels).as("levels changed by the load").isNotEmpty();
            assertThat(followed).isEqualTo(levels);
            assertThat(summed).isEqualTo(levels);
        } finally {
            loadDone.set(true);
            threads.shutdown();
        }
    }

    @Test
    void badCursorsAndLimitsAre400AndAnEmptyPageGivesItsCursorBack() {
        for (String query : List.of("?after=nonsense", "?after=" + new String(java.util.Base64.getUrlEncoder()
                .encode("v1:1:1".getBytes())), "?limit=0", "?limit=1001", "?limit=x", "?storeId=0", "?storeId=abc")) {
            var response = as(ServiceTestApp.AUDITOR).get("/inventory-changes" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).get("code").asInt()).isEqualTo(400);
            assertThat(json(response).get("message").asText()).isNotBlank();
        }
        long store = as(ServiceTestApp.ADMIN).newStore();
        JsonNode empty = page("?storeId=" + store);
        assertThat(empty.get("changes")).isEmpty();
        String cursor = empty.get("nextCursor").asText();
        assertThat(page("?storeId=" + store + "&after=" + cursor).get("nextCursor").asText()).isEqualTo(cursor);

        long product = as(ServiceTestApp.ADMIN).newProduct();
        String movement = post(store, product, 3);
        awaitApplied(movement);
        JsonNode next = page("?storeId=" + store + "&after=" + cursor);
        assertThat(movementIds(List.of(next.get("changes").get(0)))).containsExactly(movement);
        assertThat(next.get("changes")).hasSize(1);
    }
}
