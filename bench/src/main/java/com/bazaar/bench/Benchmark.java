package com.bazaar.bench;

import com.bazaar.queue.QueueConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads a running system (./bazaar up) and prints what it measured:
 * <ol>
 * <li>warm-up: the accept load for two minutes with the worker running, so that the JIT has compiled the hot paths;</li>
 * <li>accept: POST movements from many clients for a minute with the worker paused; rate (overall, first and
 * last 10 s) and latency percentiles;</li>
 * <li>drain: the queue server's own receive+delete rate for a backlog of that size, then the worker's drain of
 * the backlog the paused accept left, and their ratio; then accept again with the worker draining;</li>
 * <li>lag: a steady POST rate with the worker running; accepted (occurredAt) to applied, p50/p99;</li>
 * <li>reads: a store's whole inventory (all its products) and single levels, after the ledger has grown (then
 * vacuumed and checkpointed) and after the reads have been warmed for {@code reads-warmup-seconds}.</li>
 * </ol>
 * It reads the ledger directly from PostgreSQL to know when the worker is done. Options: --name value,
 * see {@link #DEFAULTS}.
 */
public final class Benchmark {
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("url", "http://localhost:8080"),
            Map.entry("user", "admin"),
            Map.entry("password", "bazaar-dev"),
            Map.entry("worker-admin", "http://localhost:8082"),
            Map.entry("sqs-endpoint", "http://127.0.0.1:9324"),
            Map.entry("region", "us-east-1"),
            Map.entry("queue", QueueConfiguration.DEFAULT_QUEUE_NAME),
            Map.entry("db", "jdbc:postgresql://127.0.0.1:55432/bazaar"),
            Map.entry("db-user", "postgres"),
            Map.entry("db-password", ""),
            Map.entry("products", "5000"),
            Map.entry("warmup-seconds", "120"),
            Map.entry("accept-seconds", "60"),
            Map.entry("concurrency", "32"),
            Map.entry("drain-clients", "8"),
            Map.entry("lag-rate", "1000"),
            Map.entry("lag-seconds", "20"),
            Map.entry("reads", "500"),
            Map.entry("reads-warmup-seconds", "20"),
            Map.entry("ledger", "1000000"));

    private final Map<String, String> options;
    private final BenchTarget target;
    private final PostLoad posts;

    private Benchmark(Map<String, String> options) {
        this.options = options;
        this.target = new BenchTarget(options);
        this.posts = new PostLoad(target, option("concurrency"));
    }

    public static void main(String[] args) throws Exception {
        new Benchmark(Options.parse(args, DEFAULTS)).run();
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        System.out.printf("machine: %d cores, java %s; options %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), new TreeMap<>(options));
        setUp();
        warmUp();
        long before = target.ledgerCount();
        target.adminTask("pause-consumer");
        int paused = posts.flatOut("accept, worker paused", option("accept-seconds"));
        drain(before, paused);
        posts.flatOut("accept, worker draining", option("accept-seconds"));
        target.awaitLedger(target.ledgerCount(), 600);
        posts.steady(option("lag-rate"), option("lag-seconds"));
        LedgerFiller.fill(target, option("ledger"));
        ReadLatency.measure(target, option("reads-warmup-seconds"), option("reads"));
    }

    private void setUp() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String tag = Long.toString(System.currentTimeMillis(), 36);
        target.store = json.readTree(target.post("/stores", "{\"name\": \"Bench store " + tag + "\"}").body())
                .at("/store/id").asLong();
        long[] products = new long[option("products")];
        Parallel.run(16, products.length, i -> products[i] = json.readTree(target.post("/products",
                "{\"name\": \"Bench product " + tag + "-" + i + "\"}").body()).get("productId").asLong());
        target.products = products;
        System.out.printf("set up: store %d with %d new products%n", target.store, products.length);
    }

    /**
     * The JVMs on two cores need minutes of load before C2 has compiled the hot paths: {@code --warmup-seconds} of
     * the accept load with the worker running (printed, but not what the phases after it measure), then waits
     * until the worker has applied it.
     */
    private void warmUp() throws Exception {
        int seconds = option("warmup-seconds");
        if (seconds > 0) {
            long before = target.ledgerCount();
            target.awaitLedger(before + posts.flatOut("warm-up, worker running", seconds), 600);
        }
    }

    /** The queue server's raw receive+delete rate, then the worker's drain of the paused accept's backlog; their ratio. */
    private void drain(long before, int backlog) throws Exception {
        double raw = new RawQueueDrain(options, target).measure(backlog);
        System.out.printf("drain: queue server alone, receive(10) + delete batch, %d threads: %d messages = %.0f/s%n",
                option("drain-clients"), backlog, raw);
        long start = System.nanoTime();
        target.adminTask("resume-consumer");
        target.awaitLedger(before + backlog, 3600);
        double rate = backlog / ((System.nanoTime() - start) / 1e9);
        System.out.printf("drain: worker applied a backlog of %d movements over %d products at %.0f movements/s "
                + "= %.2fx the queue server's raw rate%n", backlog, target.products.length, rate, rate / raw);
    }
}
