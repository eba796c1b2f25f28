package com.bazaar.worker;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import com.codahale.metrics.Meter;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two service instances and two workers on one database and one queue, as {@code ./bazaar up --services 2
 * --workers 2} runs them: what the contract promises holds across instances.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InstancesIT {
    static final DropwizardAppExtension<ServiceConfiguration> SERVICE_A = ServiceTestApp.extension();
    static final DropwizardAppExtension<ServiceConfiguration> SERVICE_B = ServiceTestApp.extension();
    static final DropwizardAppExtension<WorkerConfiguration> WORKER_1 = WorkerTestApp.extension();
    static final DropwizardAppExtension<WorkerConfiguration> WORKER_2 = WorkerTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();

    static Api as(DropwizardAppExtension<ServiceConfiguration> service, String user) {
        return Api.at(service.getLocalPort()).as(user);
    }

    static Meter meter(DropwizardAppExtension<?> app, String name) {
        return app.getEnvironment().metrics().meter(name);
    }

    record Sent(String key, long store, long product, String body) {
    }

    @Test
    void aRandomLoadOverBothServicesWithKeysRepeatedAcrossThemAppliesEachKeyOnceAndLevelsEqualTheLedger() throws Exception {
        List<Long> stores = IntStream.range(0, 2).mapToObj(i -> as(SERVICE_A, ServiceTestApp.ADMIN).newStore()).toList();
        List<Long> products = IntStream.range(0, 5).mapToObj(i -> as(SERVICE_B, ServiceTestApp.ADMIN).newProduct()).toList();
        Random random = new Random(20261128);
        List<String> types = List.of("in", "in", "in", "out", "out", "manual");
        List<Sent> movements = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long store = stores.get(random.nextInt(stores.size()));
            long product = products.get(random.nextInt(products.size()));
            movements.add(new Sent("load-" + UUID.randomUUID(), store, product,
                    Movements.of(types.get(random.nextInt(types.size())), product, 1 + random.nextInt(20)).body()));
        }
        // Every movement goes to a random service; a third go once more, to the other one, in any order.
        List<Map.Entry<Sent, DropwizardAppExtension<ServiceConfiguration>>> requests = new ArrayList<>();
        for (Sent movement : movements) {
            boolean toA = random.nextBoolean();
            requests.add(Map.entry(movement, toA ? SERVICE_A : SERVICE_B));
            if (random.nextInt(3) == 0) {
                requests.add(Map.entry(movement, toA ? SERVICE_B : SERVICE_A));
            }
        }
        Collections.shuffle(requests, random);

        Map<String, List<String>> idsByKey = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> answers = new ArrayList<>();
            for (var request : requests) {
                answers.add(clients.submit(() -> {
                    Sent movement = request.getKey();
                    Api clerk = as(request.getValue(), ServiceTestApp.CLERK);
                    HttpResponse<String> accepted = clerk.send(clerk.request("/stores/" + movement.store() + "/stock-movements")
                            .header("Content-Type", "application/json").header("Idempotency-Key", movement.key())
                            .POST(HttpRequest.BodyPublishers.ofString(movement.body())));
                    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                    idsByKey.computeIfAbsent(movement.key(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(json(accepted).at("/movement/id").asText());
                }));
            }
            for (Future<?> answer : answers) {
                answer.get();
            }
        } finally {
            clients.shutdown();
        }
        assertThat(requests.size()).as("some keys went to both services").isGreaterThan(movements.size());
        idsByKey.forEach((key, ids) -> assertThat(ids).as("the same key on either service names one movement").containsOnly(ids.get(0)));

        String storeList = stores.toString().replace('[', '(').replace(']', ')');
        await().atMost(Duration.ofMinutes(2)).until(() -> DB.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM stock_movements WHERE store_id IN " + storeList).mapTo(Long.class).one()) >= movements.size());

        DB.useHandle(h -> {
            List<String> ids = idsByKey.values().stream().map(list -> list.get(0)).toList();
            List<Map<String, Object>> notOnce = h.createQuery("""
                    SELECT movement_id, count(*) FROM stock_movements WHERE store_id IN %s
                    GROUP BY movement_id HAVING count(*) <> 1""".formatted(storeList)).mapToMap().list();
            assertThat(notOnce).isEmpty();
            List<String> inLedger = h.createQuery("SELECT CAST(movement_id AS text) FROM stock_movements WHERE store_id IN " + storeList)
                    .mapTo(String.class).list();
            assertThat(inLedger).as("each key applied (or rejected) exactly once, nothing else").containsExactlyInAnyOrderElementsOf(ids);
            List<Map<String, Object>> mismatches = h.createQuery("""
                    SELECT l.store_id, l.product_id, l.quantity, COALESCE(sum(m.delta) FILTER (WHERE m.status = 'applied'), 0) AS ledger
                    FROM inventory_levels l
                    LEFT JOIN stock_movements m ON m.store_id = l.store_id AND m.product_id = l.product_id
                    WHERE l.store_id IN %s
                    GROUP BY l.store_id, l.product_id, l.quantity
                    HAVING l.quantity <> COALESCE(sum(m.delta) FILTER (WHERE m.status = 'applied'), 0) OR l.quantity < 0
                    """.formatted(storeList)).mapToMap().list();
            assertThat(mismatches).isEmpty();
        });
        long byWorker1 = meter(WORKER_1, "bazaar.worker.movements.applied").getCount()
                + meter(WORKER_1, "bazaar.worker.movements.rejected").getCount();
        long byWorker2 = meter(WORKER_2, "bazaar.worker.movements.applied").getCount()
                + meter(WORKER_2, "bazaar.worker.movements.rejected").getCount();
        assertThat(byWorker1).as("worker 1 took part").isPositive();
        assertThat(byWorker2).as("worker 2 took part").isPositive();
    }

    @Test
    void aRenameThroughOneServiceIsServedByTheOtherWithinASecond() {
        Api adminA = as(SERVICE_A, ServiceTestApp.ADMIN);
        Api clerkB = as(SERVICE_B, ServiceTestApp.CLERK);
        long product = adminA.newProduct();
        long store = adminA.newStore();
        Meter productHits = meter(SERVICE_B, "bazaar.service.cache.products.hits");
        Meter storeHits = meter(SERVICE_B, "bazaar.service.cache.stores.hits");
        String oldName = json(clerkB.get("/products/" + product)).get("name").asText();
        json(clerkB.get("/stores/" + store));
        long hitsBefore = productHits.getCount();
        long storeHitsBefore = storeHits.getCount();
        assertThat(json(clerkB.get("/products/" + product)).get("name").asText()).isEqualTo(oldName);
        json(clerkB.get("/stores/" + store));
        assertThat(productHits.getCount()).as("B serves the product from its cache").isEqualTo(hitsBefore + 1);
        assertThat(storeHits.getCount()).as("B serves the store from its cache").isEqualTo(storeHitsBefore + 1);

        String newName = "Renamed " + UUID.randomUUID();
        HttpResponse<String> renamed = adminA.patch("/products/" + product, "{\"name\": \"" + newName + "\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        String newStoreName = "Renamed store " + UUID.randomUUID();
        assertThat(adminA.patch("/stores/" + store, "{\"name\": \"" + newStoreName + "\"}").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            HttpResponse<String> read = clerkB.get("/products/" + product);
            assertThat(json(read).get("name").asText()).isEqualTo(newName);
            assertThat(read.headers().firstValue("ETag")).isEqualTo(renamed.headers().firstValue("ETag"));
            assertThat(json(clerkB.get("/stores/" + store)).get("name").asText()).isEqualTo(newStoreName);
        });
    }
}
