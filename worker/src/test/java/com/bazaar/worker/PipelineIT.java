package com.bazaar.worker;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import com.bazaar.testing.SharedTestStack;
import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The whole pipeline in one JVM: service and worker from config.yml on the embedded PostgreSQL and ElasticMQ.
 * Each test works on its own store and products, so the tests do not see each other's movements.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PipelineIT {
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

    Api admin() {
        return Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    Api clerk() {
        return Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.CLERK);
    }

    long newStore() {
        return admin().newStore();
    }

    long newProduct() {
        return admin().newProduct();
    }

    HttpResponse<String> postMovement(Api api, long store, String body, String idempotencyKey) {
        var request = api.request("/stores/" + store + "/stock-movements").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return api.send(request);
    }

    String movementId(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return json(accepted).at("/movement/id").asText();
    }

    /** Posts a movement and waits until the worker has applied or rejected it. */
    String applied(long store, long product, String type, int quantity) {
        String id = movementId(postMovement(clerk(), store,
                Movements.of(type, product, quantity).body(), null));
        awaitProcessed(id);
        return id;
    }

    void awaitProcessed(String movementId) {
        await().atMost(PATIENCE).until(() -> admin().get("/stock-movements/" + movementId).statusCode() == 200);
    }

    long level(long store, long product) {
        return admin().currentQuantity(store, product);
    }

    long ledgerRows(long store, long product) {
        return DB.withHandle(h -> h.createQuery("SELECT count(*) FROM stock_movements WHERE store_id = :s AND product_id = :p")
                .bind("s", store).bind("p", product).mapTo(Long.class).one());
    }

    long auditRows(String movementId) {
        return DB.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_logs WHERE entity_type = 'stock_movement' AND entity_id = :id")
                .bind("id", movementId).mapTo(Long.class).one());
    }

    @Test
    void aMovementIsAcceptedAppliedAndReadBack() {
        long store = newStore();
        long product = newProduct();

        HttpResponse<String> accepted = postMovement(clerk(), store,
                Movements.in(product, 7).reason("delivery").body(), null);
        String id = movementId(accepted);
        assertThat(json(accepted).at("/movement/status").asText()).isEqualTo("pending");
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/stock-movements/" + id));
        awaitProcessed(id);

        var movement = json(clerk().get("/stock-movements/" + id));
        assertThat(movement.get("status").asText()).isEqualTo("applied");
        assertThat(movement.at("/store/id").asLong()).isEqualTo(store);
        assertThat(movement.at("/product/id").asLong()).isEqualTo(product);
        assertThat(movement.get("actor").asText()).isEqualTo(ServiceTestApp.CLERK);
        assertThat(movement.get("source").asText()).isEqualTo("api");
        assertThat(movement.get("requestId").asText()).isEqualTo(accepted.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(movement.get("appliedAt").isNull()).isFalse();
        assertThat(level(store, product)).isEqualTo(7);
        assertThat(json(clerk().get("/products/" + product + "/quantity")).get("currentQuantity").asLong()).isEqualTo(7);
        assertThat(json(clerk().get("/stores/" + store + "/inventory")).at("/inventory/0/currentQuantity").asLong()).isEqualTo(7);
        assertThat(auditRows(id)).isEqualTo(1);

        String tooMany = applied(store, product, "out", 8);
        var rejected = json(clerk().get("/stock-movements/" + tooMany));
        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.get("rejectionReason").asText()).isEqualTo("insufficient stock: 7 on hand, 8 requested");
        assertThat(level(store, product)).isEqualTo(7);
        assertThat(auditRows(tooMany)).isEqualTo(1);
    }

    @Test
    void aCountSetsTheLevelAndACountExpectingAnotherLevelChangesNothing() {
        long store = newStore();
        long product = newProduct();
        applied(store, product, "in", 10);

        String count = movementId(postMovement(clerk(), store,
                Movements.count(product, 4).expecting(10).body(), null));
        awaitProcessed(count);
        String stale = movementId(postMovement(clerk(), store,
                Movements.count(product, 0).expecting(10).body(), null));
        awaitProcessed(stale);

        var counted = json(clerk().get("/stock-movements/" + count));
        assertThat(counted.get("status").asText()).isEqualTo("applied");
        assertThat(counted.get("delta").asLong()).isEqualTo(-6);
        assertThat(counted.get("expectedQuantity").asInt()).isEqualTo(10);
        var rejected = json(clerk().get("/stock-movements/" + stale));
        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.get("rejectionReason").asText()).isEqualTo("count expected 10 on hand, found 4");
        assertThat(level(store, product)).isEqualTo(4);
        assertThat(auditRows(stale)).isEqualTo(1);
        assertThat(json(clerk().get("/stock-movements?type=count&status=rejected&storeId=" + store))
                .get("totalItems").asInt()).isEqualTo(1);
    }

    @Test
    void aQueueProducersCountAppliesLikeOneOverHttp() {
        long store = newStore();
        long product = newProduct();
        applied(store, product, "in", 3);
        String id = UUID.randomUUID().toString();

        SQS.sendMessage(r -> r.queueUrl(QUEUE).messageGroupId(store + ":" + product).messageDeduplicationId(id)
                .messageBody(Movements.count(product, 0).id(id).at(store).message()));
        awaitProcessed(id);

        assertThat(json(clerk().get("/stock-movements/" + id)).get("delta").asLong()).isEqualTo(-3);
        assertThat(level(store, product)).isZero();
    }

    @Test
    void aBatchAppliesItemByItemInRequestOrderAcrossSendCalls() {
        long store = newStore();
        long product = newProduct();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(Movements.in(product, 1).body());
        }
        items.add(Movements.out(product, 10).body());
        items.add(Movements.out(product, 1).body());

        HttpResponse<String> accepted = clerk().post("/stores/" + store + "/stock-movements/batch",
                "{\"movements\": [" + String.join(", ", items) + "]}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        json(accepted).get("movements").forEach(m -> ids.add(m.get("id").asText()));
        ids.forEach(this::awaitProcessed);

        assertThat(ids.stream().map(id -> json(clerk().get("/stock-movements/" + id)).get("status").asText()).toList())
                .containsExactly("applied", "applied", "applied", "applied", "applied", "applied", "applied", "applied",
                        "applied", "applied", "applied", "rejected");
        assertThat(level(store, product)).isZero();
    }

    @Test
    void aMovementThatMakesALevelLowWritesOneLowStockAuditRow() {
        long store = newStore();
        long product = newProduct();
        applied(store, product, "in", 10);
        var set = admin().send(admin().request("/stores/" + store + "/inventory/" + product + "/threshold")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"lowStockThreshold\": 4}")));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

        String sale = applied(store, product, "out", 6);
        applied(store, product, "out", 1);

        var row = json(clerk().get("/stores/" + store + "/inventory/" + product));
        assertThat(row.get("currentQuantity").asLong()).isEqualTo(3);
        assertThat(row.get("lowStock").asBoolean()).isTrue();
        var alerts = json(admin().get("/audit-logs?actionType=LOW_STOCK_REACHED&entityId=" + store + ":" + product))
                .get("auditLogs");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("entityType").asText()).isEqualTo("inventory_level");
        assertThat(alerts.get(0).at("/details/quantity").asLong()).isEqualTo(4);
        assertThat(alerts.get(0).at("/details/movementId").asText()).isEqualTo(sale);
    }

    @Test
    void theSameIdempotencyKeyPostedTwiceCountsOnce() {
        long store = newStore();
        long product = newProduct();
        String body = Movements.in(product, 5).body();

        String first = movementId(postMovement(clerk(), store, body, "delivery-42"));
        String second = movementId(postMovement(clerk(), store, body, "delivery-42"));
        String otherUser = movementId(postMovement(admin(), store, body, "delivery-42"));
        awaitProcessed(first);
        awaitProcessed(otherUser);

        assertThat(second).isEqualTo(first);
        assertThat(otherUser).isNotEqualTo(first);
        assertThat(ledgerRows(store, product)).isEqualTo(2);
        assertThat(level(store, product)).isEqualTo(10);
    }

    @Test
    void theSameMessageDeliveredTwiceCountsOnce() {
        long store = newStore();
        long product = newProduct();
        String group = store + ":" + product;
        UUID movementId = UUID.randomUUID();
        String body = Movements.in(product, 3).id(movementId).at(store).message();

        WorkerTestApp.send(SQS, QUEUE, body, group);
        WorkerTestApp.send(SQS, QUEUE, body, group);
        // FIFO order within the group: once this one is in, both copies before it have been handled.
        String last = applied(store, product, "in", 1);

        assertThat(ledgerRows(store, product)).isEqualTo(2);
        assertThat(level(store, product)).isEqualTo(4);
        assertThat(auditRows(movementId.toString())).isEqualTo(1);
        assertThat(auditRows(last)).isEqualTo(1);
    }

    @Test
    void anExternalProducersMessageWithoutMovementIdAppliesOnceUnderItsMessageId() {
        long store = newStore();
        long product = newProduct();
        String messageId = WorkerTestApp.send(SQS, QUEUE, Movements.in(product, 12).at(store).by("pos-terminal-7").message(),
                store + ":" + product);

        awaitProcessed(messageId);

        var movement = json(admin().get("/stock-movements/" + messageId));
        assertThat(movement.get("status").asText()).isEqualTo("applied");
        assertThat(movement.get("actor").asText()).isEqualTo("pos-terminal-7");
        assertThat(movement.get("source").asText()).isEqualTo("sqs");
        assertThat(ledgerRows(store, product)).isEqualTo(1);
        assertThat(level(store, product)).isEqualTo(12);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueAndTheMessageBehindItApplies() {
        long store = newStore();
        long product = newProduct();
        String group = store + ":" + product;
        String poison = "{\"storeId\": " + store + ", \"productId\": \"not a number\", \"marker\": \"" + UUID.randomUUID() + "\"}";

        WorkerTestApp.send(SQS, QUEUE, poison, group);
        String good = WorkerTestApp.send(SQS, QUEUE, Movements.in(product, 2).at(store).message(), group);

        awaitProcessed(good);
        assertThat(level(store, product)).isEqualTo(2);
        String dlq = WorkerTestApp.queueUrl(SQS, SharedTestStack.DEAD_LETTER_QUEUE);
        List<Message> seen = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            seen.addAll(SQS.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages());
            return seen.stream().anyMatch(m -> m.body().equals(poison));
        });
        Message deadLetter = seen.stream().filter(m -> m.body().equals(poison)).findFirst().orElseThrow();
        assertThat(deadLetter.messageAttributes().get("reason").stringValue())
                .isEqualTo("not a stock movement: Field 'productId' must be an integer");
        assertThat(ledgerRows(store, product)).isEqualTo(1);
    }

    @Test
    void aFailingTransactionLeavesItsMessagesOnTheQueueAndTheyApplyLater() {
        long store = newStore();
        long product = newProduct();
        DB.useHandle(h -> h.execute("""
                CREATE SEQUENCE failed_attempts_%1$d;
                -- The trigger runs as the worker's role, which may use only what it is granted.
                GRANT USAGE ON SEQUENCE failed_attempts_%1$d TO bazaar_application;
                CREATE FUNCTION fail_store_%1$d() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.store_id = %1$d THEN
                        PERFORM nextval('failed_attempts_%1$d');
                        RAISE EXCEPTION 'injected failure for store %1$d';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER fail_store_%1$d BEFORE INSERT ON stock_movements
                    FOR EACH ROW EXECUTE FUNCTION fail_store_%1$d();
                """.formatted(store)));
        try {
            String id = movementId(postMovement(clerk(), store,
                    Movements.in(product, 4).body(), null));
            await().atMost(PATIENCE).until(() -> DB.withHandle(h -> h.createQuery(
                    "SELECT last_value FROM failed_attempts_" + store).mapTo(Long.class).one()) >= 2);
            assertThat(ledgerRows(store, product)).isZero();
            assertThat(level(store, product)).isZero();
        } finally {
            DB.useHandle(h -> h.execute("DROP TRIGGER fail_store_%1$d ON stock_movements; DROP FUNCTION fail_store_%1$d();"
                    .formatted(store)));
        }
        await().atMost(PATIENCE).until(() -> ledgerRows(store, product) == 1);
        assertThat(level(store, product)).isEqualTo(4);
    }

    @Test
    void concurrentOutMovementsNeverDriveStockBelowZero() throws Exception {
        long store = newStore();
        long product = newProduct();
        applied(store, product, "in", 100);
        String outBody = Movements.out(product, 1).body();
        String queued = Movements.out(product, 1).at(store).message();

        // Half through the API, half straight onto the queue in groups of their own, so that several
        // consumer threads apply movements of the same product at the same time.
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                posts.add(clients.submit(() -> postMovement(clerk(), store, outBody, null).statusCode()));
                posts.add(clients.submit(() -> {
                    WorkerTestApp.send(SQS, QUEUE, queued, UUID.randomUUID().toString());
                    return 202;
                }));
            }
            for (Future<Integer> post : posts) {
                assertThat(post.get()).isEqualTo(202);
            }
        } finally {
            clients.shutdown();
        }

        await().atMost(PATIENCE).until(() -> ledgerRows(store, product) == 501);
        Map<String, Object> counts = DB.withHandle(h -> h.createQuery("""
                SELECT count(*) FILTER (WHERE status = 'applied' AND type = 'out') AS applied,
                       count(*) FILTER (WHERE status = 'rejected') AS rejected
                FROM stock_movements WHERE store_id = :s AND product_id = :p""")
                .bind("s", store).bind("p", product).mapToMap().one());
        assertThat(counts).containsEntry("applied", 100L).containsEntry("rejected", 400L);
        assertThat(level(store, product)).isZero();
        long negativeAfter = DB.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM audit_logs
                WHERE entity_type = 'stock_movement' AND (details->>'storeId')::bigint = :s
                  AND (details->>'quantityAfter')::bigint < 0""").bind("s", store).mapTo(Long.class).one());
        assertThat(negativeAfter).isZero();
    }

    /**
     * Counts with and without compare-and-set racing ordinary movements on one level, half through the API and half
     * from queue producers (groups of their own, so several consumer threads apply them at once): the ledger, read
     * in the order its rows were written under the level's lock, is a serial history in which every decision is the
     * one the level at that moment called for, and it ends at the level.
     */
    @Test
    void concurrentCountsAndMovementsEndConsistentWithTheOrderTheyWereApplied() throws Exception {
        long store = newStore();
        long product = newProduct();
        applied(store, product, "in", 10);
        Random random = new Random(7);
        List<Movements> movements = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int pick = random.nextInt(3);
            Movements movement = pick == 0 ? Movements.count(product, random.nextInt(15))
                    : Movements.of(pick == 1 ? "in" : "out", product, 1 + random.nextInt(5));
            if (pick == 0 && random.nextBoolean()) {
                movement.expecting(random.nextInt(15));
            }
            movements.add(movement);
        }
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < movements.size(); i++) {
                Movements movement = movements.get(i);
                posts.add(clients.submit(i % 2 == 0
                        ? () -> postMovement(clerk(), store, movement.body(), null).statusCode()
                        : () -> {
                            WorkerTestApp.send(SQS, QUEUE, movement.at(store).message(), UUID.randomUUID().toString());
                            return 202;
                        }));
            }
            for (Future<Integer> post : posts) {
                assertThat(post.get()).isEqualTo(202);
            }
        } finally {
            clients.shutdown();
        }

        await().atMost(PATIENCE).until(() -> ledgerRows(store, product) == 201);
        List<Map<String, Object>> history = DB.withHandle(h -> h.createQuery("""
                SELECT type, status, quantity, expected_quantity, delta FROM stock_movements
                WHERE store_id = :s AND product_id = :p ORDER BY id""").bind("s", store).bind("p", product).mapToMap().list());
        long onHand = 0;
        int counts = 0;
        for (Map<String, Object> row : history) {
            String type = (String) row.get("type");
            boolean applied = "applied".equals(row.get("status"));
            long quantity = ((Number) row.get("quantity")).longValue();
            Integer expected = (Integer) row.get("expected_quantity");
            String step = "%s at level %d".formatted(row, onHand);
            switch (type) {
                case "in" -> {
                    assertThat(applied).as(step).isTrue();
                    onHand += quantity;
                }
                case "out" -> {
                    assertThat(applied).as(step).isEqualTo(quantity <= onHand);
                    onHand -= applied ? quantity : 0;
                }
                case "count" -> {
                    counts++;
                    assertThat(applied).as(step).isEqualTo(expected == null || expected == onHand);
                    if (applied) {
                        assertThat(((Number) row.get("delta")).longValue()).as(step).isEqualTo(quantity - onHand);
                        onHand = quantity;
                    }
                }
                default -> throw new AssertionError("unexpected type in " + row);
            }
        }
        assertThat(counts).isGreaterThan(40);
        assertThat(level(store, product)).isEqualTo(onHand);
    }

    @Test
    void afterARandomizedRunEveryLevelEqualsItsLedgerSumAndEveryMovementHasItsAuditRow() throws Exception {
        List<Long> stores = IntStream.range(0, 4).mapToObj(i -> newStore()).toList();
        List<Long> products = IntStream.range(0, 10).mapToObj(i -> newProduct()).toList();
        Random random = new Random(20261124);
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        List<String> types = List.of("in", "in", "in", "out", "out", "manual");
        List<String> sentBodies = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long store = stores.get(random.nextInt(stores.size()));
            long product = products.get(random.nextInt(products.size()));
            String body = Movements.of(types.get(random.nextInt(types.size())), product, 1 + random.nextInt(20))
                    .id(UUID.randomUUID()).at(store).message();
            sentBodies.add(body);
            entries.add(entry(body, store + ":" + product));
            if (random.nextInt(50) == 0) { // a redelivered copy now and then
                String copy = sentBodies.get(random.nextInt(sentBodies.size()));
                entries.add(entry(copy, copy.replaceAll(".*\"storeId\": (\\d+), \"productId\": (\\d+).*", "$1:$2")));
            }
        }
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int from = 0; from < entries.size(); from += 10) {
                List<SendMessageBatchRequestEntry> batch = entries.subList(from, Math.min(from + 10, entries.size()));
                sends.add(senders.submit(() -> assertThat(SQS.sendMessageBatch(r -> r.queueUrl(QUEUE).entries(batch))
                        .failed()).isEmpty()));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } finally {
            senders.shutdown();
        }

        String storeList = stores.toString().replace('[', '(').replace(']', ')');
        await().atMost(Duration.ofMinutes(3)).until(() -> DB.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM stock_movements WHERE store_id IN " + storeList).mapTo(Long.class).one()) == 10_000);

        DB.useHandle(h -> {
            List<Map<String, Object>> mismatches = h.createQuery("""
                    SELECT l.store_id, l.product_id, l.quantity, COALESCE(sum(m.delta) FILTER (WHERE m.status = 'applied'), 0) AS ledger
                    FROM inventory_levels l
                    LEFT JOIN stock_movements m ON m.store_id = l.store_id AND m.product_id = l.product_id
                    WHERE l.store_id IN %s
                    GROUP BY l.store_id, l.product_id, l.quantity
                    HAVING l.quantity <> COALESCE(sum(m.delta) FILTER (WHERE m.status = 'applied'), 0) OR l.quantity < 0
                    """.formatted(storeList)).mapToMap().list();
            assertThat(mismatches).isEmpty();
            long levels = h.createQuery("SELECT count(*) FROM inventory_levels WHERE store_id IN " + storeList)
                    .mapTo(Long.class).one();
            assertThat(levels).isEqualTo(40);
            long withoutAudit = h.createQuery("""
                    SELECT count(*) FROM stock_movements m
                    WHERE m.store_id IN %s AND (SELECT count(*) FROM audit_logs a
                          WHERE a.entity_type = 'stock_movement' AND a.entity_id = m.movement_id::text) <> 1
                    """.formatted(storeList)).mapTo(Long.class).one();
            assertThat(withoutAudit).isZero();
            long rejected = h.createQuery("SELECT count(*) FROM stock_movements WHERE status = 'rejected' AND store_id IN " + storeList)
                    .mapTo(Long.class).one();
            assertThat(rejected).as("the run should exercise the stock check").isPositive();
        });
    }

    private static SendMessageBatchRequestEntry entry(String body, String group) {
        return SendMessageBatchRequestEntry.builder().id(UUID.randomUUID().toString()).messageBody(body)
                .messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString()).build();
    }
}
