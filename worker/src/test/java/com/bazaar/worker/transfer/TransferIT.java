package com.bazaar.worker.transfer;

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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Transfers through the whole pipeline (service, queue, worker) on the shared embedded stack: both legs or neither,
 * idempotency, and the interleavings that matter, each test on stores and a product of its own.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TransferIT {
    static final DropwizardAppExtension<ServiceConfiguration> SERVICE = ServiceTestApp.extension();
    static final DropwizardAppExtension<WorkerConfiguration> WORKER = WorkerTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();
    static final SqsClient SQS = WorkerTestApp.sqs();
    static final String QUEUE = WorkerTestApp.queueUrl(SQS, SharedTestStack.QUEUE);
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @AfterAll
    static void closeClient() {
        SQS.close();
    }

    static Api as(String user) {
        return Api.at(SERVICE.getLocalPort()).as(user);
    }

    static HttpResponse<String> postTransfer(String user, long from, long to, long product, int quantity, String key) {
        var request = as(user).request("/transfers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"fromStoreId": %d, "toStoreId": %d, "productId": %d, "quantity": %d, "reason": "rebalance"}"""
                        .formatted(from, to, product, quantity)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return as(user).send(request);
    }

    static String accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).at("/transfer/id").asText();
    }

    static JsonNode awaitTransfer(String id) {
        await().atMost(PATIENCE).until(() -> as(ServiceTestApp.AUDITOR).get("/transfers/" + id).statusCode() == 200);
        return json(as(ServiceTestApp.AUDITOR).get("/transfers/" + id));
    }

    static void stock(long store, long product, int quantity) {
        String id = json(as(ServiceTestApp.CLERK).post("/stores/" + store + "/stock-movements",
                Movements.in(product, quantity).body())).at("/movement/id").asText();
        await().atMost(PATIENCE).until(() -> as(ServiceTestApp.ADMIN).get("/stock-movements/" + id).statusCode() == 200);
    }

    static long level(long store, long product) {
        return as(ServiceTestApp.ADMIN).currentQuantity(store, product);
    }

    static long ledgerRows(List<Long> stores, long product) {
        return DB.withHandle(h -> h.createQuery("SELECT count(*) FROM stock_movements WHERE store_id = ANY(:s) AND product_id = :p")
                .bind("s", stores.toArray(Long[]::new)).bind("p", product).mapTo(Long.class).one());
    }

    /** Invariant 1 for every level of these stores, and invariant 4. */
    static void everyLevelEqualsItsLedgerSum(List<Long> stores) {
        List<Map<String, Object>> wrong = DB.withHandle(h -> h.createQuery("""
                SELECT l.store_id, l.product_id, l.quantity,
                       (SELECT COALESCE(sum(m.delta), 0) FROM stock_movements m WHERE m.store_id = l.store_id
                          AND m.product_id = l.product_id AND m.status = 'applied') AS ledger_sum
                FROM inventory_levels l WHERE l.store_id = ANY(:s)""")
                .bind("s", stores.toArray(Long[]::new)).mapToMap().list()).stream()
                .filter(row -> ((Number) row.get("quantity")).longValue() != ((Number) row.get("ledger_sum")).longValue()
                        || ((Number) row.get("quantity")).longValue() < 0)
                .toList();
        assertThat(wrong).as("levels that differ from their ledger sum or are below zero").isEmpty();
    }

    /** Both legs of every transfer of these stores have the same status. */
    static void noTransferIsHalfApplied(List<Long> stores) {
        long halves = DB.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM (SELECT transfer_id FROM stock_movements WHERE store_id = ANY(:s) AND transfer_id IS NOT NULL
                                      GROUP BY transfer_id HAVING count(*) <> 2 OR count(DISTINCT status) <> 1) AS t""")
                .bind("s", stores.toArray(Long[]::new)).mapTo(Long.class).one());
        assertThat(halves).isZero();
    }

    static long deadlocks() {
        return DB.withHandle(h -> {
            h.execute("SELECT pg_stat_clear_snapshot()");
            return h.createQuery("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
                    .mapTo(Long.class).one();
        });
    }

    static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        List<Callable<T>> shuffled = new ArrayList<>(tasks);
        Collections.shuffle(shuffled);
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : clients.invokeAll(shuffled)) {
                results.add(result.get());
            }
            return results;
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void aTransferMovesTheStockWithBothLegsInOneTransactionEachWithItsAuditRow() {
        long from = as(ServiceTestApp.ADMIN).newStore();
        long to = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        stock(from, product, 10);

        HttpResponse<String> response = postTransfer(ServiceTestApp.CLERK, from, to, product, 4, null);
        String id = accepted(response);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/transfers/" + id));
        JsonNode pending = json(response).get("transfer");
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("fromStoreId").asLong()).isEqualTo(from);
        assertThat(pending.get("toStoreId").asLong()).isEqualTo(to);
        assertThat(pending.get("quantity").asInt()).isEqualTo(4);

        JsonNode transfer = awaitTransfer(id);
        assertThat(transfer.get("status").asText()).isEqualTo("applied");
        assertThat(transfer.get("fromStoreId").asLong()).isEqualTo(from);
        assertThat(transfer.get("toStoreId").asLong()).isEqualTo(to);
        assertThat(transfer.get("productId").asLong()).isEqualTo(product);
        assertThat(transfer.get("reason").asText()).isEqualTo("rebalance");
        assertThat(transfer.get("rejectionReason").isNull()).isTrue();
        assertThat(level(from, product)).isEqualTo(6);
        assertThat(level(to, product)).isEqualTo(4);

        JsonNode out = json(as(ServiceTestApp.CLERK).get("/stock-movements/" + transfer.at("/movements/0").asText()));
        JsonNode in = json(as(ServiceTestApp.CLERK).get("/stock-movements/" + transfer.at("/movements/1").asText()));
        assertThat(List.of(out.get("type").asText(), out.at("/store/id").asLong(), out.get("delta").asLong(), out.get("transferId").asText()))
                .containsExactly("transfer_out", from, -4L, id);
        assertThat(List.of(in.get("type").asText(), in.at("/store/id").asLong(), in.get("delta").asLong(), in.get("transferId").asText()))
                .containsExactly("transfer_in", to, 4L, id);
        assertThat(json(as(ServiceTestApp.CLERK).get("/stock-movements?type=transfer_in&storeId=" + to)).at("/movements/0/id").asText())
                .isEqualTo(in.get("id").asText());
        long audits = DB.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM audit_logs WHERE action_type = 'MOVEMENT_APPLIED' AND details->>'transferId' = :id""")
                .bind("id", id).mapTo(Long.class).one());
        assertThat(audits).as("one audit row per leg").isEqualTo(2);
        long legs = DB.withHandle(h -> h.createQuery("SELECT count(*) FROM stock_movements WHERE transfer_id = :id")
                .bind("id", UUID.fromString(id)).mapTo(Long.class).one());
        assertThat(legs).isEqualTo(2);
        everyLevelEqualsItsLedgerSum(List.of(from, to));
    }

    @Test
    void aTransferWhoseSourceLacksTheStockChangesNeitherStore() {
        long from = as(ServiceTestApp.ADMIN).newStore();
        long to = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        stock(from, product, 3);
        stock(to, product, 2);

        JsonNode transfer = awaitTransfer(accepted(postTransfer(ServiceTestApp.CLERK, from, to, product, 5, null)));

        assertThat(transfer.get("status").asText()).isEqualTo("rejected");
        assertThat(transfer.get("rejectionReason").asText())
                .isEqualTo("transfer from store " + from + ": insufficient stock: 3 on hand, 5 requested");
        assertThat(level(from, product)).isEqualTo(3);
        assertThat(level(to, product)).isEqualTo(2);
        List<String> statuses = DB.withHandle(h -> h.createQuery("SELECT status FROM stock_movements WHERE transfer_id = :id")
                .bind("id", UUID.fromString(transfer.get("id").asText())).mapTo(String.class).list());
        assertThat(statuses).containsExactly("rejected", "rejected");
        everyLevelEqualsItsLedgerSum(List.of(from, to));
    }

    @Test
    void badTransfersAre400And404AndNothingIsApplied() {
        long from = as(ServiceTestApp.ADMIN).newStore();
        long to = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        long missing = 999_999_999L;

        HttpResponse<String> same = postTransfer(ServiceTestApp.CLERK, from, from, product, 1, null);
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(json(same).get("message").asText()).isEqualTo("toStoreId must differ from the store the stock leaves");
        assertThat(json(same).get("code").asInt()).isEqualTo(400);
        assertThat(postTransfer(ServiceTestApp.CLERK, from, to, product, 0, null).statusCode()).isEqualTo(400);
        assertThat(postTransfer(ServiceTestApp.CLERK, from, to, product, 1_000_001, null).statusCode()).isEqualTo(400);
        assertThat(as(ServiceTestApp.CLERK).post("/transfers", "{\"fromStoreId\": %d, \"toStoreId\": %d, \"productId\": %d, \"quantity\": \"1\"}"
                .formatted(from, to, product)).statusCode()).isEqualTo(400);
        assertThat(as(ServiceTestApp.CLERK).post("/stores/" + from + "/stock-movements",
                "{\"productId\": %d, \"type\": \"transfer_out\", \"quantity\": 1}".formatted(product)).body())
                .contains("type must be in, out, manual or count (a transfer is POST /transfers)");

        HttpResponse<String> unknownSource = postTransfer(ServiceTestApp.CLERK, missing, to, product, 1, null);
        assertThat(unknownSource.statusCode()).isEqualTo(404);
        assertThat(json(unknownSource).get("message").asText()).contains(String.valueOf(missing));
        assertThat(postTransfer(ServiceTestApp.CLERK, from, missing, product, 1, null).statusCode()).isEqualTo(404);
        assertThat(postTransfer(ServiceTestApp.CLERK, from, to, missing, 1, null).statusCode()).isEqualTo(404);

        assertThat(postTransfer(ServiceTestApp.AUDITOR, from, to, product, 1, null).statusCode()).isEqualTo(403);
        assertThat(as(ServiceTestApp.CLERK).get("/transfers/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(as(ServiceTestApp.CLERK).get("/transfers/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(ledgerRows(List.of(from, to), product)).isZero();
    }

    @Test
    void theSameKeyFromTheSameUserNamesTheSameTransferAppliedOnce() {
        long from = as(ServiceTestApp.ADMIN).newStore();
        long to = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        stock(from, product, 10);

        String first = accepted(postTransfer(ServiceTestApp.CLERK, from, to, product, 3, "move-17"));
        String again = accepted(postTransfer(ServiceTestApp.CLERK, from, to, product, 3, "move-17"));
        String byAnother = accepted(postTransfer(ServiceTestApp.ADMIN, from, to, product, 3, "move-17"));
        assertThat(again).isEqualTo(first);
        assertThat(byAnother).isNotEqualTo(first);
        awaitTransfer(first);
        awaitTransfer(byAnother);
        // A replay long after the first was applied (past SQS's deduplication window) is dropped by the ledger.
        WorkerTestApp.send(SQS, QUEUE, Movements.of(MovementType.TRANSFER_OUT, product, 3).id(first).at(from).to(to).message(),
                from + ":" + product);
        String marker = accepted(postTransfer(ServiceTestApp.CLERK, from, to, product, 1, null));
        awaitTransfer(marker);

        assertThat(level(from, product)).isEqualTo(3);
        assertThat(level(to, product)).isEqualTo(7);
        assertThat(ledgerRows(List.of(from, to), product)).isEqualTo(1 + 2 * 3);
        everyLevelEqualsItsLedgerSum(List.of(from, to));
    }

    @Test
    void transfersRacingSalesAtBothEndsNeverHalfApplyNorGoBelowZero() throws Exception {
        long a = as(ServiceTestApp.ADMIN).newStore();
        long b = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        stock(a, product, 60);
        stock(b, product, 20);
        String sale = Movements.out(product, 1).body();

        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            tasks.add(() -> postTransfer(ServiceTestApp.CLERK, a, b, product, 2, null).statusCode());
            tasks.add(() -> as(ServiceTestApp.CLERK).post("/stores/" + a + "/stock-movements", sale).statusCode());
            tasks.add(() -> as(ServiceTestApp.CLERK).post("/stores/" + b + "/stock-movements", sale).statusCode());
        }
        // Sales at the destination also from a producer in groups of their own, so other consumer threads apply
        // them while the transfers are being applied.
        for (int i = 0; i < 30; i++) {
            tasks.add(() -> {
                WorkerTestApp.send(SQS, QUEUE, Movements.out(product, 1).at(b).message(), UUID.randomUUID().toString());
                return 202;
            });
        }
        assertThat(concurrently(tasks)).containsOnly(202);

        await().atMost(PATIENCE).until(() -> ledgerRows(List.of(a, b), product) == 2 + 30 * 2 + 30 + 30 + 30);
        noTransferIsHalfApplied(List.of(a, b));
        everyLevelEqualsItsLedgerSum(List.of(a, b));
        long appliedSales = DB.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM stock_movements WHERE store_id = ANY(:s) AND product_id = :p AND type = 'out' AND status = 'applied'""")
                .bind("s", new Long[] {a, b}).bind("p", product).mapTo(Long.class).one());
        assertThat(level(a, product) + level(b, product)).as("transfers move stock, only sales remove it")
                .isEqualTo(80 - appliedSales);
    }

    @Test
    void opposingTransfersAppliedConcurrentlyNeitherDeadlockNorLoseStock() throws Exception {
        long a = as(ServiceTestApp.ADMIN).newStore();
        long b = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        stock(a, product, 25);
        stock(b, product, 25);
        long deadlocksBefore = deadlocks();

        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tasks.add(() -> postTransfer(ServiceTestApp.CLERK, a, b, product, 1 + (int) (Math.random() * 3), null).statusCode());
            tasks.add(() -> postTransfer(ServiceTestApp.CLERK, b, a, product, 1 + (int) (Math.random() * 3), null).statusCode());
        }
        assertThat(concurrently(tasks)).containsOnly(202);

        await().atMost(PATIENCE).until(() -> ledgerRows(List.of(a, b), product) == 2 + 80 * 2);
        noTransferIsHalfApplied(List.of(a, b));
        everyLevelEqualsItsLedgerSum(List.of(a, b));
        assertThat(level(a, product) + level(b, product)).isEqualTo(50);
        assertThat(deadlocks()).as("deadlocks detected by PostgreSQL").isEqualTo(deadlocksBefore);
    }
}
