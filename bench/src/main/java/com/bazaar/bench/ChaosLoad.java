package com.bazaar.bench;

import static com.bazaar.bench.Waiting.pause;
import static com.bazaar.bench.Waiting.retry;

import com.bazaar.queue.QueueCodec;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The chaos run's load generator, and its account of what the system accepted: the units each (store, product) must
 * end with, each accepted movement counted once however often it was sent, and the poison messages sent.
 */
final class ChaosLoad {
    private final StackUnderTest stack;
    private final ObjectMapper json = new ObjectMapper();
    private final QueueCodec codec = new QueueCodec();
    /** Units each (store, product) must end with: the sum of every movement the system accepted, counted once. */
    private final Map<String, AtomicLong> expected = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger poison = new AtomicInteger();
    /** Every POST of a movement, and those not answered 202 (refused connections, 503s while the queue is down, ...). */
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger unaccepted = new AtomicInteger();
    private long[] stores;
    private long[] products;

    ChaosLoad(StackUnderTest stack) {
        this.stack = stack;
    }

    /** Creates the stores and products the load is spread over. */
    void seed(int storeCount, int productCount) throws Exception {
        stores = new long[storeCount];
        products = new long[productCount];
        for (int i = 0; i < stores.length; i++) {
            stores[i] = json.readTree(create("/stores", "Chaos store " + i)).at("/store/id").asLong();
        }
        for (int i = 0; i < products.length; i++) {
            products[i] = json.readTree(create("/products", "Chaos product " + i)).get("productId").asLong();
        }
    }

    /**
     * {@code count} movements: three quarters over HTTP (a tenth of them sent a second time with the same key),
     * a quarter from a foreign producer (each sent twice under two deduplication ids), plus one poison message
     * per hundred; {@code fault} runs meanwhile.
     */
    void load(int count, Waiting.Action fault) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            clients.add(started(() -> {
                try (SqsClient sqs = stack.sqs()) {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        if (i % 4 == 3) {
                            produce(sqs, i % 100 == 3);
                        } else {
                            postMovement(i % 10 == 0);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Thread faults = started(() -> {
            try {
                fault.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (Thread client : clients) {
            client.join();
        }
        faults.join();
        System.out.printf("  %d movements accepted so far, %d poison messages%n", accepted.size(), poison.get());
    }

    /** POSTs of movements during a phase, and how many of them were not answered 202. */
    record Availability(int posts, int unaccepted) {
    }

    /** Movements over HTTP from 8 clients, 20 ms apart each (a tenth sent twice), for as long as {@code fault} runs. */
    Availability loadDuring(Waiting.Action fault) throws Exception {
        int postsBefore = posts.get();
        int unacceptedBefore = unaccepted.get();
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            clients.add(started(() -> {
                try {
                    for (int i = 0; !done.get(); i++) {
                        postMovement(i % 10 == 0);
                        pause(Duration.ofMillis(20));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        try {
            fault.run();
        } finally {
            done.set(true);
            for (Thread client : clients) {
                client.join();
            }
        }
        System.out.printf("  %d movements accepted so far%n", accepted.size());
        return new Availability(posts.get() - postsBefore, unaccepted.get() - unacceptedBefore);
    }

    /** The units every (store, product) holds beside what it must: lost where it holds fewer, doubled where more. */
    record Comparison(long units, long lost, long doubled) {
    }

    Comparison compareLevels(Connection db) throws SQLException {
        Map<String, Long> levels = new HashMap<>();
        try (var query = db.createStatement(); ResultSet rs = query.executeQuery(
                "SELECT store_id, product_id, quantity FROM inventory_levels")) {
            while (rs.next()) {
                levels.put(rs.getLong(1) + ":" + rs.getLong(2), rs.getLong(3));
            }
        }
        long lost = 0;
        long doubled = 0;
        for (var entry : expected.entrySet()) {
            long difference = levels.getOrDefault(entry.getKey(), 0L) - entry.getValue().get();
            lost += Math.max(0, -difference);
            doubled += Math.max(0, difference);
        }
        return new Comparison(expected.values().stream().mapToLong(AtomicLong::get).sum(), lost, doubled);
    }

    /** The units each "store:product" must end with. */
    Map<String, AtomicLong> expected() {
        return expected;
    }

    /** How many distinct movements the system accepted. */
    int accepted() {
        return accepted.size();
    }

    int poison() {
        return poison.get();
    }

    private static Thread started(Runnable body) {
        Thread thread = new Thread(body);
        thread.start();
        return thread;
    }

    /** One movement over HTTP, retried with its key until it is accepted (503 while the queue is down). */
    private void postMovement(boolean sendTwice) throws Exception {
        long store = stores[ThreadLocalRandom.current().nextInt(stores.length)];
        long product = products[ThreadLocalRandom.current().nextInt(products.length)];
        int quantity = 1 + ThreadLocalRandom.current().nextInt(5);
        String key = UUID.randomUUID().toString();
        String body = "{\"productId\": %d, \"type\": \"in\", \"quantity\": %d}".formatted(product, quantity);
        UUID id = null;
        for (int sent = 0; sent < (sendTwice ? 2 : 1); sent++) {
            while (true) {
                HttpResponse<String> response = stack.send(stack.request("/stores/" + store + "/stock-movements")
                        .header("Idempotency-Key", key)
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)));
                posts.incrementAndGet();
                if (response != null && response.statusCode() == 202) {
                    id = UUID.fromString(json.readTree(response.body()).at("/movement/id").asText());
                    break;
                }
                unaccepted.incrementAndGet();
                pause(Duration.ofMillis(200));
            }
        }
        if (accepted.putIfAbsent(id, true) == null) {
            expected.computeIfAbsent(store + ":" + product, k -> new AtomicLong()).addAndGet(quantity);
        }
    }

    /** A POS terminal's sale of stock in: sent twice under two deduplication ids (a producer's retry after 5 min). */
    private void produce(SqsClient sqs, boolean withPoison) throws Exception {
        long store = stores[ThreadLocalRandom.current().nextInt(stores.length)];
        long product = products[ThreadLocalRandom.current().nextInt(products.length)];
        int quantity = 1 + ThreadLocalRandom.current().nextInt(5);
        var message = new MovementMessage(UUID.randomUUID(), store, product, MovementType.IN, quantity, null, null, "chaos-pos", null, null, null);
        for (int copy = 0; copy < 2; copy++) {
            String dedup = message.movementId() + "-" + copy;
            retry(() -> sqs.sendMessage(r -> r.queueUrl(StackUnderTest.queueUrl(sqs)).messageBody(codec.encode(message))
                    .messageGroupId(message.messageGroupId()).messageDeduplicationId(dedup)));
        }
        if (accepted.putIfAbsent(message.movementId(), true) == null) {
            expected.computeIfAbsent(store + ":" + product, k -> new AtomicLong()).addAndGet(quantity);
        }
        if (withPoison) {
            String body = "{\"storeId\": " + store + ", \"productId\": \"not a number\"}";
            retry(() -> sqs.sendMessage(r -> r.queueUrl(StackUnderTest.queueUrl(sqs)).messageBody(body).messageGroupId(store + ":" + product)
                    .messageDeduplicationId(UUID.randomUUID().toString())));
            poison.incrementAndGet();
        }
    }

    private String create(String path, String name) throws Exception {
        return stack.send(stack.request(path).POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\"}"))).body();
    }
}
