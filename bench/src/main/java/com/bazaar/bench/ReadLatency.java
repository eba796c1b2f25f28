package com.bazaar.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;

/** The read latencies: a store's whole inventory (all the run's products) and single levels, one client. */
final class ReadLatency {
    private ReadLatency() {
    }

    /** Warms both reads for {@code warmUpSeconds}, then times {@code reads} of each. */
    static void measure(BenchTarget target, int warmUpSeconds, int reads) throws Exception {
        String inventory = "/stores/" + target.store + "/inventory";
        int rows = new ObjectMapper().readTree(target.get(inventory).body()).get("inventory").size();
        long warmUntil = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            target.get(inventory);
            target.get(inventory + "/" + target.anyProduct());
        }
        long[] whole = new long[reads];
        for (int i = 0; i < reads; i++) {
            long sent = System.nanoTime();
            if (target.get(inventory).statusCode() != 200) {
                throw new IllegalStateException("inventory read failed");
            }
            whole[i] = System.nanoTime() - sent;
        }
        long[] single = new long[reads];
        for (int i = 0; i < reads; i++) {
            String path = inventory + "/" + target.anyProduct();
            long sent = System.nanoTime();
            target.get(path);
            single[i] = System.nanoTime() - sent;
        }
        long ledger;
        try (Connection db = target.database(); var count = db.createStatement();
             var rs = count.executeQuery("SELECT count(*) FROM stock_movements")) {
            rs.next();
            ledger = rs.getLong(1);
        }
        System.out.printf("reads: ledger holds %d movements; GET %s (%d rows) x%d: %s%n",
                ledger, inventory, rows, reads, Percentiles.of(whole));
        System.out.printf("reads: GET %s/{productId} x%d: %s%n", inventory, reads, Percentiles.of(single));
    }
}
