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
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The chaos run's load generator, and its account of what the system accepted: the units each (store, product) must
 * end with, each accepted movement counted once however often it was sent, the orders' holds and what their clients
 * did with them, and the poison messages sent.
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
    /** Every hold an order took (accepted with 202), by id. */
    private final Map<UUID, Order> orders = new ConcurrentHashMap<>();
    /** Holds to release that were still on the queue when their client wanted to (a release needs the hold decided). */
    private final Queue<UUID> unreleased = new ConcurrentLinkedQueue<>();
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
        for (long store : stores) {
            for (long product : products) {
                postMovement(store, product, 100, false);
            }
        }
    }

    /** What an order's client does with its hold: sells it, gives it back, abandons it (2 s), or keeps it (10 min). */
    enum Ending { CONSUMED, RELEASED, EXPIRED, KEPT }

    /** @param consumeId the sale naming the hold, when the client sold it */
    record Order(UUID holdId, long store, long product, int quantity, Ending ending, UUID consumeId) {
    }

    /**
     * {@code count} movements: five eighths over HTTP (a tenth of them sent a second time with the same key), an eighth
     * orders over HTTP (a hold, each sent twice with its key, then sold, released, abandoned or kept), a quarter from a
     * foreign producer (each sent twice under two deduplication ids), plus one poison message per hundred; {@code fault}
     * runs meanwhile.
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
                        } else if (i % 8 == 1) {
                            order(Ending.values()[(i / 8) % Ending.values().length]);
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

    /**
     * Compares each level with the stock in the system accepted, less the sales of holds the ledger applied (whether a
     * sale applies depends on its hold being active when the worker reached it; {@link #holdsAsTheirClientsLeftThem}
     * checks that it is exactly those).
     */
    Comparison compareLevels(Connection db) throws SQLException {
        Map<String, Long> levels = new HashMap<>();
        try (var query = db.createStatement(); ResultSet rs = query.executeQuery(
                "SELECT store_id, product_id, quantity FROM inventory_levels")) {
            while (rs.next()) {
                levels.put(rs.getLong(1) + ":" + rs.getLong(2), rs.getLong(3));
            }
        }
        Map<String, Long> must = new HashMap<>();
        expected.forEach((level, units) -> must.put(level, units.get()));
        Map<UUID, String> saleStatus = statuses(db, "SELECT movement_id, status FROM stock_movements WHERE reservation_id IS NOT NULL");
        for (Order order : orders.values()) {
            if (order.consumeId() != null && "applied".equals(saleStatus.get(order.consumeId()))) {
                must.merge(order.store() + ":" + order.product(), (long) -order.quantity(), Long::sum);
            }
        }
        long lost = 0;
        long doubled = 0;
        for (var entry : must.entrySet()) {
            long difference = levels.getOrDefault(entry.getKey(), 0L) - entry.getValue();
            lost += Math.max(0, -difference);
            doubled += Math.max(0, difference);
        }
        return new Comparison(must.values().stream().mapToLong(Long::longValue).sum(), lost, doubled);
    }

    /** The orders' holds, and those whose state in the database is not what their client's actions allow. */
    record HoldAccount(int holds, Map<String, Long> byStatus, List<String> wrong) {
    }

    /**
     * Each hold's end must follow from what its client did: a sold hold is consumed by exactly its sale (then applied),
     * or its sale was rejected because the hold was not active (rejected for want of available stock, or already
     * expired); a released one is released; an abandoned one expired; a kept one is still active. Any of them may
     * instead have been rejected when taken.
     */
    HoldAccount holdsAsTheirClientsLeftThem(Connection db) throws SQLException {
        Map<UUID, String> holds = statuses(db, "SELECT id, status FROM reservations");
        Map<UUID, String> consumedBy = statuses(db, "SELECT id, movement_id::text FROM reservations WHERE movement_id IS NOT NULL");
        Map<UUID, String> sales = statuses(db, "SELECT movement_id, status FROM stock_movements WHERE reservation_id IS NOT NULL");
        Map<String, Long> byStatus = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Order order : orders.values()) {
            String status = holds.get(order.holdId());
            byStatus.merge(order.ending() + "->" + status, 1L, Long::sum);
            boolean right = switch (order.ending()) {
                case CONSUMED -> "consumed".equals(status)
                        ? order.consumeId().toString().equals(consumedBy.get(order.holdId())) && "applied".equals(sales.get(order.consumeId()))
                        : status != null && !"active".equals(status) && "rejected".equals(sales.get(order.consumeId()));
                case RELEASED -> "released".equals(status) || "rejected".equals(status);
                case EXPIRED -> "expired".equals(status) || "rejected".equals(status);
                case KEPT -> "active".equals(status) || "rejected".equals(status);
            };
            if (!right) {
                wrong.add(order + ": " + status);
            }
        }
        return new HoldAccount(orders.size(), byStatus, wrong);
    }

    private static Map<UUID, String> statuses(Connection db, String sql) throws SQLException {
        Map<UUID, String> statuses = new HashMap<>();
        try (var query = db.createStatement(); ResultSet rs = query.executeQuery(sql)) {
            while (rs.next()) {
                statuses.put(UUID.fromString(rs.getString(1)), rs.getString(2));
            }
        }
        return statuses;
    }

    /** How many distinct holds the system accepted. */
    int holds() {
        return orders.size();
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

    /** One movement of stock in over HTTP to a random level, retried with its key until it is accepted. */
    private void postMovement(boolean sendTwice) throws Exception {
        long store = stores[ThreadLocalRandom.current().nextInt(stores.length)];
        long product = products[ThreadLocalRandom.current().nextInt(products.length)];
        postMovement(store, product, 1 + ThreadLocalRandom.current().nextInt(5), sendTwice);
    }

    private void postMovement(long store, long product, int quantity, boolean sendTwice) throws Exception {
        String body = "{\"productId\": %d, \"type\": \"in\", \"quantity\": %d}".formatted(product, quantity);
        UUID id = accept("/stores/" + store + "/stock-movements", body, "/movement/id", sendTwice);
        if (accepted.putIfAbsent(id, true) == null) {
            expected.computeIfAbsent(store + ":" + product, k -> new AtomicLong()).addAndGet(quantity);
        }
    }

    /**
     * An order: a hold of 1 to 3 units (sent twice with its key), then what {@code ending} says. A sale naming the hold
     * needs no wait (it follows the hold in the product's queue group); a release needs the hold decided first.
     */
    private void order(Ending ending) throws Exception {
        long store = stores[ThreadLocalRandom.current().nextInt(stores.length)];
        long product = products[ThreadLocalRandom.current().nextInt(products.length)];
        int quantity = 1 + ThreadLocalRandom.current().nextInt(3);
        int ttl = ending == Ending.EXPIRED ? 2 : 600;
        UUID hold = accept("/stores/" + store + "/reservations",
                "{\"productId\": %d, \"quantity\": %d, \"ttlSeconds\": %d}".formatted(product, quantity, ttl), "/reservation/id", true);
        UUID sale = null;
        if (ending == Ending.CONSUMED) {
            sale = accept("/stores/" + store + "/stock-movements", "{\"productId\": %d, \"type\": \"out\", \"quantity\": %d, \"reservationId\": \"%s\"}"
                    .formatted(product, quantity, hold), "/movement/id", false);
            accepted.put(sale, true);
        } else if (ending == Ending.RELEASED) {
            if (Waiting.within(Duration.ofSeconds(5), () -> decided(hold))) {
                release(hold);
            } else {
                unreleased.add(hold);
            }
        }
        orders.put(hold, new Order(hold, store, product, quantity, ending, sale));
    }

    /** Releases the holds that were not decided within 5 s of being taken (e.g. while the consumer was paused). */
    void releaseTheRest() throws Exception {
        for (UUID hold : unreleased) {
            Waiting.await("hold " + hold + " decided", Duration.ofMinutes(5), () -> decided(hold));
            release(hold);
        }
        unreleased.clear();
    }

    private boolean decided(UUID hold) throws Exception {
        HttpResponse<String> response = stack.send(stack.request("/reservations/" + hold).timeout(Duration.ofSeconds(10)).GET());
        return response != null && response.statusCode() == 200;
    }

    private void release(UUID hold) throws Exception {
        accept("/reservations/" + hold + "/release", "", "/reservation/id", false);
    }

    /**
     * POSTs {@code body} with a fresh Idempotency-Key until it is answered 202 (refused connections and 503s while the
     * queue or the database is down are retried), once more with the same key when {@code sendTwice}.
     *
     * @return the id at {@code idPointer} of the 202's body
     */
    private UUID accept(String path, String body, String idPointer, boolean sendTwice) throws Exception {
        String key = UUID.randomUUID().toString();
        UUID id = null;
        for (int sent = 0; sent < (sendTwice ? 2 : 1); sent++) {
            while (true) {
                HttpResponse<String> response = stack.send(stack.request(path).header("Idempotency-Key", key)
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)));
                posts.incrementAndGet();
                if (response != null && response.statusCode() == 202) {
                    id = UUID.fromString(json.readTree(response.body()).at(idPointer).asText());
                    break;
                }
                unaccepted.incrementAndGet();
                pause(Duration.ofMillis(200));
            }
        }
        return id;
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
