package com.bazaar.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The running system the benchmark loads: its API (as one user), the worker's admin tasks, and its database, read
 * directly to know when the worker is done. After {@link #setUp} it also holds the store and products created for
 * the run.
 */
final class BenchTarget {
    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String authorization;
    long store;
    long[] products;

    BenchTarget(Map<String, String> options) {
        this.options = options;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (options.get("user") + ":" + options.get("password")).getBytes(StandardCharsets.UTF_8));
    }

    long anyProduct() {
        return products[ThreadLocalRandom.current().nextInt(products.length)];
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(options.get("url") + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(options.get("url") + path)).header("Authorization", authorization)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    void adminTask(String task) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(options.get("worker-admin") + "/tasks/" + task))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(task + " answered " + response.statusCode());
        }
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(options.get("db"), options.get("db-user"), options.get("db-password"));
    }

    /** The ledger rows of the run's store. */
    long ledgerCount() throws SQLException {
        try (Connection db = database(); var query = db.prepareStatement("SELECT count(*) FROM stock_movements WHERE store_id = ?")) {
            query.setLong(1, store);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void awaitLedger(long expected, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (ledgerCount() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker did not reach " + expected + " movements in " + timeoutSeconds + " s");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
