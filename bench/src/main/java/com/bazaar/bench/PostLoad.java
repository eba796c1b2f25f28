package com.bazaar.bench;

import com.bazaar.movement.MovementType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** The write load: POSTed movements as fast as {@code --concurrency} clients go, or at a steady rate. */
final class PostLoad {
    private final BenchTarget target;
    private final int clients;
    private final ObjectMapper json = new ObjectMapper();

    PostLoad(BenchTarget target, int clients) {
        this.target = target;
        this.clients = clients;
    }

    /**
     * POSTs movements from every client for {@code seconds}; prints the rate overall and in the first and the last
     * 10 s (a queue whose cost grows with traffic shows there), and latency percentiles.
     *
     * @return how many were accepted
     */
    int flatOut(String label, int seconds) throws Exception {
        AtomicIntegerArray perSecond = new AtomicIntegerArray(seconds + 1);
        List<long[]> latencies = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        Parallel.run(clients, clients, client -> {
            long[] mine = new long[1 << 16];
            int n = 0;
            for (long sent = System.nanoTime(); sent < end; sent = System.nanoTime()) {
                int status = post(MovementType.IN, 1 + ThreadLocalRandom.current().nextInt(5)).statusCode();
                long done = System.nanoTime();
                if (status != 202) {
                    failures.incrementAndGet();
                    continue;
                }
                perSecond.incrementAndGet((int) Math.min(seconds, (done - start) / 1_000_000_000L));
                if (n < mine.length) {
                    mine[n++] = done - sent;
                }
            }
            latencies.add(Arrays.copyOf(mine, n));
        });
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int window = Math.min(10, seconds / 2);
        System.out.printf("%s: %d accepted from %d clients in %.1f s = %.0f/s (first %d s %.0f/s, last %d s %.0f/s), "
                        + "%d not 202; latency %s%n", label, all.length, clients, elapsed, all.length / elapsed, window,
                sum(perSecond, 0, window) / (double) window, window, sum(perSecond, seconds - window, seconds) / (double) window,
                failures.get(), Percentiles.of(all));
        return all.length;
    }

    /** POSTs {@code rate} movements a second for {@code seconds}, then prints accepted (occurredAt) to applied. */
    void steady(int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long before = target.ledgerCount();
        String[] ids = new String[total];
        long start = System.nanoTime();
        Parallel.run(clients, total, i -> {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            ids[i] = json.readTree(post(MovementType.IN, 1).body()).at("/movement/id").asText();
        });
        target.awaitLedger(before + total, 600);
        try (Connection db = target.database(); var query = db.prepareStatement("""
                SELECT percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - occurred_at))
                FROM stock_movements WHERE movement_id = ANY(?)""")) {
            query.setArray(1, db.createArrayOf("uuid", Arrays.stream(ids).map(UUID::fromString).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                Double[] lag = (Double[]) rs.getArray(1).getArray();
                System.out.printf("lag: %d POSTs at %d/s, accepted -> applied p50 %.0f ms, p99 %.0f ms%n",
                        total, rate, lag[0] * 1000, lag[1] * 1000);
            }
        }
    }

    private HttpResponse<String> post(MovementType type, int quantity) throws Exception {
        return target.post("/stores/" + target.store + "/stock-movements",
                "{\"productId\": %d, \"type\": \"%s\", \"quantity\": %d}".formatted(target.anyProduct(), type, quantity));
    }

    private static int sum(AtomicIntegerArray counts, int from, int to) {
        int total = 0;
        for (int i = from; i < to; i++) {
            total += counts.get(i);
        }
        return total;
    }
}
