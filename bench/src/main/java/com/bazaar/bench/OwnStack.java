package com.bazaar.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** This project as {@code ./bazaar up} runs it, on a fresh state directory and ports of its own. */
final class OwnStack implements BenchedSystem {
    private final StackUnderTest stack;
    private final ObjectMapper json = new ObjectMapper();
    private long store;
    private long[] products;

    OwnStack(Path root, Path state, int port) {
        this.stack = new StackUnderTest(root, state, port);
    }

    @Override
    public String name() {
        return "this project";
    }

    @Override
    public void launch() throws Exception {
        stack.launch();
        Waiting.await("the service answers", Duration.ofMinutes(5), () -> {
            HttpResponse<String> response = stack.send(stack.request("/products").GET());
            return response != null && response.statusCode() == 200;
        });
    }

    @Override
    public void setUp(int count) throws Exception {
        String tag = Long.toString(System.currentTimeMillis(), 36);
        store = json.readTree(post("/stores", "{\"name\": \"Bench store " + tag + "\"}")).at("/store/id").asLong();
        products = new long[count];
        for (int i = 0; i < count; i++) {
            products[i] = json.readTree(post("/products", "{\"name\": \"Bench product " + tag + "-" + i + "\"}"))
                    .get("productId").asLong();
        }
    }

    private String post(String path, String body) {
        return stack.send(stack.request(path).POST(HttpRequest.BodyPublishers.ofString(body))).body();
    }

    @Override
    public String movementUrl() {
        return "http://127.0.0.1:" + stack.port() + "/stores/" + store + "/stock-movements";
    }

    @Override
    public long[] products() {
        return products;
    }

    @Override
    public String password() {
        return "bazaar-dev";
    }

    @Override
    public long applied() throws Exception {
        return BenchedSystem.count(stack.database(), "SELECT count(*) FROM stock_movements WHERE store_id = ?", store);
    }

    /** Movements applied to the run's store other than sales of holds. */
    long appliedWithoutHold() throws Exception {
        return BenchedSystem.count(stack.database(),
                "SELECT count(*) FROM stock_movements WHERE store_id = ? AND reservation_id IS NULL", store);
    }

    String reservationUrl() {
        return "http://127.0.0.1:" + stack.port() + "/stores/" + store + "/reservations";
    }

    /**
     * What became of the run's holds: how many ended each way, sales of holds the worker rejected, levels holding more
     * than they have, and how long after its {@code expiresAt} each expired hold ended (p50, p99, max in ms).
     */
    record Holds(Map<String, Long> byStatus, long salesRejected, long oversold, double expiryP50, double expiryP99,
                 double expiryMax) {
    }

    Holds holds() throws Exception {
        try (Connection db = stack.database()) {
            Map<String, Long> byStatus = new TreeMap<>();
            try (var query = db.prepareStatement("SELECT status, count(*) FROM reservations WHERE store_id = ? GROUP BY status")) {
                query.setLong(1, store);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        byStatus.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            try (var query = db.prepareStatement("""
                    SELECT (SELECT count(*) FROM stock_movements WHERE store_id = ? AND reservation_id IS NOT NULL AND status = 'rejected'),
                           (SELECT count(*) FROM inventory_levels WHERE store_id = ? AND (reserved > quantity OR quantity < 0)),
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY lag), percentile_cont(0.99) WITHIN GROUP (ORDER BY lag), max(lag)
                    FROM (SELECT extract(epoch FROM ended_at - expires_at) * 1000 AS lag FROM reservations
                          WHERE store_id = ? AND status = 'expired') expired""")) {
                query.setLong(1, store);
                query.setLong(2, store);
                query.setLong(3, store);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return new Holds(byStatus, rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5));
                }
            }
        }
    }

    @Override
    public Map<String, List<ProcessHandle>> processes() throws Exception {
        return stack.processes();
    }

    long queueStoreBytes() throws Exception {
        return stack.queueStoreBytes();
    }

    @Override
    public void stop() throws Exception {
        stack.stop();
    }
}
