package com.bazaar.bench;

import com.bazaar.inventory.InventoryDao;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inventory as of an instant on a long change feed, against a running {@code ./bazaar up}: a new store of
 * {@code --products} products (through the API), the feed topped up with {@code --feed} changes of that store's levels
 * (by SQL: loading them through the queue would take the drain rate's time), one change of every level per minute
 * back from now; then {@code --reads} timed GETs of the store's inventory as of a minute ago, as of the feed's first
 * minute and now, and the plans PostgreSQL chose for both instants.
 *
 * <pre>java -cp bench/target/bazaar-bench.jar com.bazaar.bench.AsOfReads --feed 10000000</pre>
 */
public final class AsOfReads {
    static final Map<String, String> DEFAULTS;
    /** The DAO's list query with JDBC placeholders (asOf, then storeId), for EXPLAIN. */
    private static final String LIST = InventoryDao.AS_OF.replace(":asOf", "?").replace(":storeId", "?") + "ORDER BY l.product_id";

    static {
        Map<String, String> defaults = new HashMap<>(Benchmark.DEFAULTS);
        defaults.put("feed", "10000000");
        defaults.put("products", "5000");
        defaults.put("reads", "200");
        defaults.put("reads-warmup-seconds", "20");
        DEFAULTS = Map.copyOf(defaults);
    }

    private AsOfReads() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, DEFAULTS);
        System.out.printf("as-of reads: options %s%n", new TreeMap<>(options));
        BenchTarget target = new BenchTarget(options);
        ObjectMapper json = new ObjectMapper();
        String tag = Long.toString(System.currentTimeMillis(), 36);
        target.store = json.readTree(target.post("/stores", "{\"name\": \"As-of store " + tag + "\"}").body()).at("/store/id").asLong();
        long[] products = new long[Integer.parseInt(options.get("products"))];
        Parallel.run(16, products.length, i -> products[i] = json.readTree(target.post("/products",
                "{\"name\": \"As-of product " + tag + "-" + i + "\"}").body()).get("productId").asLong());
        target.products = products;
        long feed = Long.parseLong(options.get("feed"));
        long minutes = feed / products.length;
        Instant first = fill(target, products, minutes);

        String inventory = "/stores/" + target.store + "/inventory";
        Map<String, String> instants = new java.util.LinkedHashMap<>();
        instants.put("a minute ago", Instant.now().minusSeconds(60).toString());
        instants.put("the feed's first minute", first.plusSeconds(30).toString());
        long warmUntil = System.nanoTime() + Duration.ofSeconds(Long.parseLong(options.get("reads-warmup-seconds"))).toNanos();
        while (System.nanoTime() < warmUntil) {
            for (String at : instants.values()) {
                target.get(inventory + "?asOf=" + at);
            }
        }
        int reads = Integer.parseInt(options.get("reads"));
        for (var instant : instants.entrySet()) {
            time(target, "as of " + instant.getKey() + " (" + instant.getValue() + ")", inventory + "?asOf=" + instant.getValue(), reads);
        }
        time(target, "now (the levels)", inventory, reads);
        try (Connection db = target.database()) {
            for (var instant : instants.entrySet()) {
                System.out.printf("%nEXPLAIN (ANALYZE, BUFFERS) as of %s:%n", instant.getKey());
                try (var explain = db.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + LIST)) {
                    explain.setTimestamp(1, java.sql.Timestamp.from(Instant.parse(instant.getValue())));
                    explain.setLong(2, target.store);
                    try (ResultSet rs = explain.executeQuery()) {
                        while (rs.next()) {
                            System.out.println("  " + rs.getString(1));
                        }
                    }
                }
            }
        }
    }

    /** One change of each level per minute for {@code minutes} minutes up to now; returns the first change's time. */
    private static Instant fill(BenchTarget target, long[] products, long minutes) throws Exception {
        long start = System.nanoTime();
        try (Connection db = target.database(); var statement = db.createStatement()) {
            db.setAutoCommit(false);
            long changes = minutes * products.length;
            long last;
            try (ResultSet rs = statement.executeQuery("UPDATE feed_clock SET seq = seq + " + changes + " RETURNING seq")) {
                rs.next();
                last = rs.getLong(1);
            }
            Instant first = Instant.now().minus(Duration.ofMinutes(minutes + 1));
            try (var insert = db.prepareStatement("""
                    INSERT INTO inventory_changes (seq, store_id, product_id, quantity, reserved, delta, reserved_delta, version,
                                                   movement_id, type, applied_at)
                    SELECT ? - ? + i, ?, (?::bigint[])[1 + i % ?], i / ? + 1, 0, 1, 0, i / ? + 1, gen_random_uuid(), 'in',
                           ?::timestamptz + (i / ?) * interval '1 minute' + (i % ?) * interval '1 millisecond'
                    FROM generate_series(0, ? - 1) AS i""")) {
                int p = 1;
                insert.setLong(p++, last);
                insert.setLong(p++, changes);
                insert.setLong(p++, target.store);
                insert.setArray(p++, db.createArrayOf("bigint", java.util.Arrays.stream(products).boxed().toArray()));
                insert.setInt(p++, products.length);
                insert.setInt(p++, products.length);
                insert.setInt(p++, products.length);
                insert.setTimestamp(p++, java.sql.Timestamp.from(first));
                insert.setInt(p++, products.length);
                insert.setInt(p++, products.length);
                insert.setLong(p, changes);
                insert.executeUpdate();
            }
            try (var levels = db.prepareStatement("""
                    INSERT INTO inventory_levels (store_id, product_id, quantity, version)
                    SELECT ?, product_id, ?, ? FROM unnest(?::bigint[]) AS product_id""")) {
                levels.setLong(1, target.store);
                levels.setLong(2, minutes);
                levels.setLong(3, minutes);
                levels.setArray(4, db.createArrayOf("bigint", java.util.Arrays.stream(products).boxed().toArray()));
                levels.executeUpdate();
            }
            db.commit();
            db.setAutoCommit(true);
            System.out.printf("feed: added %d changes (%d levels x %d minutes) in %.1f s%n", changes, products.length, minutes,
                    (System.nanoTime() - start) / 1e9);
            statement.execute("VACUUM (ANALYZE) inventory_changes");
            statement.execute("CHECKPOINT");
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM inventory_changes")) {
                rs.next();
                System.out.printf("feed: %d changes in all; vacuumed, analyzed, checkpointed after %.1f s%n", rs.getLong(1),
                        (System.nanoTime() - start) / 1e9);
            }
            return first;
        }
    }

    private static void time(BenchTarget target, String label, String path, int reads) throws Exception {
        long[] nanos = new long[reads];
        int rows = new ObjectMapper().readTree(target.get(path).body()).get("inventory").size();
        for (int i = 0; i < reads; i++) {
            long sent = System.nanoTime();
            if (target.get(path).statusCode() != 200) {
                throw new IllegalStateException(path + " failed");
            }
            nanos[i] = System.nanoTime() - sent;
        }
        System.out.printf("GET inventory %s: %d rows, x%d: %s%n", label, rows, reads, Percentiles.of(nanos));
    }
}
