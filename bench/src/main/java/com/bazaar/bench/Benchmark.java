package com.bazaar.bench;

import com.bazaar.movement.MovementCodec;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementType;
import com.bazaar.queue.QueueConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

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
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final MovementCodec codec = new MovementCodec();
    private final String authorization;
    private long store;
    private long[] products;

    private Benchmark(Map<String, String> options) {
        this.options = options;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (options.get("user") + ":" + options.get("password")).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(DEFAULTS);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + DEFAULTS.keySet());
            }
            options.put(name, args[i + 1]);
        }
        new Benchmark(options).run();
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        System.out.printf("machine: %d cores, java %s; options %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), new java.util.TreeMap<>(options));
        setUp();
        warmUp();
        long before = ledgerCount();
        adminTask("pause-consumer");
        int paused = accept("accept, worker paused", option("accept-seconds"));
        drain(before, paused);
        accept("accept, worker draining", option("accept-seconds"));
        awaitLedger(ledgerCount(), 600);
        lag();
        growLedger();
        reads();
    }

    private void setUp() throws Exception {
        String tag = Long.toString(System.currentTimeMillis(), 36);
        store = json.readTree(post("/stores", "{\"name\": \"Bench store " + tag + "\"}", null).body()).at("/store/id").asLong();
        products = new long[option("products")];
        parallel(16, products.length, i -> {
            products[i] = json.readTree(post("/products", "{\"name\": \"Bench product " + tag + "-" + i + "\"}", null)
                    .body()).get("productId").asLong();
        });
        System.out.printf("set up: store %d with %d new products%n", store, products.length);
    }

    /**
     * The JVMs on two cores need minutes of load before C2 has compiled the hot paths: {@code --warmup-seconds} of
     * the accept load with the worker running (printed, but not what the phases after it measure), then waits
     * until the worker has applied it.
     */
    private void warmUp() throws Exception {
        int seconds = option("warmup-seconds");
        if (seconds > 0) {
            long before = ledgerCount();
            awaitLedger(before + accept("warm-up, worker running", seconds), 600);
        }
    }

    /**
     * POSTs movements from {@code --concurrency} clients for {@code seconds}; prints the rate overall and
     * in the first and the last 10 s (a queue whose cost grows with traffic shows there), and latency percentiles.
     *
     * @return how many were accepted
     */
    private int accept(String label, int seconds) throws Exception {
        int clients = option("concurrency");
        AtomicIntegerArray perSecond = new AtomicIntegerArray(seconds + 1);
        List<long[]> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        parallel(clients, clients, client -> {
            long[] mine = new long[1 << 16];
            int n = 0;
            for (long sent = System.nanoTime(); sent < end; sent = System.nanoTime()) {
                int status = postMovement(MovementType.IN, 1 + ThreadLocalRandom.current().nextInt(5)).statusCode();
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
                failures.get(), percentiles(all));
        return all.length;
    }

    private static int sum(AtomicIntegerArray counts, int from, int to) {
        int total = 0;
        for (int i = from; i < to; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /**
     * The raw receive+delete rate of the queue server (a scratch FIFO queue of the same size over as many groups,
     * drained by {@code --drain-clients} threads with receives of ten and batch deletes), then the worker's drain of
     * the backlog the paused accept left, and their ratio.
     */
    private void drain(long before, int backlog) throws Exception {
        double raw;
        try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(options.get("sqs-endpoint")))
                .region(Region.of(options.get("region")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bazaar-local", "bazaar-local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String scratch = sqs.createQueue(r -> r.queueName("bench-raw-" + System.currentTimeMillis() + ".fifo")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            parallel(8, (backlog + 9) / 10, batch -> {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>(10);
                for (int i = 0; i < 10 && batch * 10 + i < backlog; i++) {
                    entries.add(entry(true, i));
                }
                var failed = sqs.sendMessageBatch(r -> r.queueUrl(scratch).entries(entries)).failed();
                if (!failed.isEmpty()) {
                    throw new IllegalStateException("send failed: " + failed);
                }
            });
            AtomicInteger drained = new AtomicInteger();
            long start = System.nanoTime();
            parallel(option("drain-clients"), option("drain-clients"), client -> {
                while (drained.get() < backlog) {
                    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(scratch).maxNumberOfMessages(10)
                            .waitTimeSeconds(1)).messages();
                    if (messages.isEmpty()) {
                        continue;
                    }
                    sqs.deleteMessageBatch(r -> r.queueUrl(scratch).entries(messages.stream().map(m ->
                            DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                                    .build()).toList()));
                    drained.addAndGet(messages.size());
                }
            });
            raw = backlog / ((System.nanoTime() - start) / 1e9);
            sqs.deleteQueue(r -> r.queueUrl(scratch));
        }
        System.out.printf("drain: queue server alone, receive(10) + delete batch, %d threads: %d messages = %.0f/s%n",
                option("drain-clients"), backlog, raw);
        long start = System.nanoTime();
        adminTask("resume-consumer");
        awaitLedger(before + backlog, 3600);
        double rate = backlog / ((System.nanoTime() - start) / 1e9);
        System.out.printf("drain: worker applied a backlog of %d movements over %d products at %.0f movements/s "
                + "= %.2fx the queue server's raw rate%n", backlog, products.length, rate, rate / raw);
    }

    private SendMessageBatchRequestEntry entry(boolean fifo, int index) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long product = products[random.nextInt(products.length)];
        boolean out = random.nextInt(5) == 0;
        var message = new MovementMessage(UUID.randomUUID(), store, product, out ? MovementType.OUT : MovementType.IN,
                out ? 1 + random.nextInt(3) : 1 + random.nextInt(10), null, null, "bench", null, null);
        var entry = SendMessageBatchRequestEntry.builder().id(String.valueOf(index)).messageBody(codec.encode(message));
        if (fifo) {
            entry.messageGroupId(message.messageGroupId()).messageDeduplicationId(message.movementId().toString());
        }
        return entry.build();
    }

    private void lag() throws Exception {
        int rate = option("lag-rate");
        int total = rate * option("lag-seconds");
        long before = ledgerCount();
        String[] ids = new String[total];
        long start = System.nanoTime();
        parallel(option("concurrency"), total, i -> {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            ids[i] = json.readTree(postMovement(MovementType.IN, 1).body()).at("/movement/id").asText();
        });
        awaitLedger(before + total, 600);
        try (Connection db = database(); var query = db.prepareStatement("""
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

    /**
     * Tops the ledger up to {@code --ledger} rows before the reads, with rejected movements of a store id
     * that does not exist (actor "bench-filler"): they change no level, and the reads must not care how
     * long the ledger is. Loading them through the queue would take the drain rate's time.
     */
    private void growLedger() throws SQLException {
        try (Connection db = database(); var count = db.createStatement(); var rs = count.executeQuery(
                "SELECT count(*) FROM stock_movements")) {
            rs.next();
            long missing = option("ledger") - rs.getLong(1);
            if (missing <= 0) {
                return;
            }
            long start = System.nanoTime();
            try (var insert = db.prepareStatement("""
                    INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status,
                                                 rejection_reason, actor, source, occurred_at, accepted_at)
                    SELECT gen_random_uuid(), -1, 1 + i % 5000, 'in', 1, 1, 'rejected', 'store -1 does not exist',
                           'bench-filler', 'sqs', now() - i * interval '1 second', now() - i * interval '1 second'
                    FROM generate_series(1, ?) AS i""")) {
                insert.setLong(1, missing);
                insert.executeUpdate();
            }
            System.out.printf("ledger: added %d filler rows (rejected, store -1) in %.1f s%n", missing,
                    (System.nanoTime() - start) / 1e9);
            settle(db);
        }
    }

    /**
     * What an operator does after a bulk load, so that the reads are not measured against the load's aftermath
     * (autovacuum and a checkpoint then share the cores with the API): vacuum and analyze the ledger, checkpoint.
     */
    private static void settle(Connection db) throws SQLException {
        long start = System.nanoTime();
        try (var statement = db.createStatement()) {
            statement.execute("VACUUM (ANALYZE) stock_movements");
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            System.out.printf("ledger: could not settle the bulk load (%s); reads are measured as it is%n", e.getMessage());
            return;
        }
        System.out.printf("ledger: vacuumed, analyzed and checkpointed in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private void reads() throws Exception {
        int reads = option("reads");
        String inventory = "/stores/" + store + "/inventory";
        int rows = json.readTree(get(inventory).body()).get("inventory").size();
        long warmUntil = System.nanoTime() + option("reads-warmup-seconds") * 1_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            get(inventory);
            get(inventory + "/" + products[ThreadLocalRandom.current().nextInt(products.length)]);
        }
        long[] whole = new long[reads];
        for (int i = 0; i < reads; i++) {
            long sent = System.nanoTime();
            if (get(inventory).statusCode() != 200) {
                throw new IllegalStateException("inventory read failed");
            }
            whole[i] = System.nanoTime() - sent;
        }
        long[] single = new long[reads];
        for (int i = 0; i < reads; i++) {
            long product = products[ThreadLocalRandom.current().nextInt(products.length)];
            long sent = System.nanoTime();
            get(inventory + "/" + product);
            single[i] = System.nanoTime() - sent;
        }
        long ledger;
        try (Connection db = database(); var count = db.createStatement();
             var rs = count.executeQuery("SELECT count(*) FROM stock_movements")) {
            rs.next();
            ledger = rs.getLong(1);
        }
        System.out.printf("reads: ledger holds %d movements; GET %s (%d rows) x%d: %s%n",
                ledger, inventory, rows, reads, percentiles(whole));
        System.out.printf("reads: GET %s/{productId} x%d: %s%n", inventory, reads, percentiles(single));
    }

    private HttpResponse<String> postMovement(MovementType type, int quantity) throws Exception {
        long product = products[ThreadLocalRandom.current().nextInt(products.length)];
        return post("/stores/" + store + "/stock-movements",
                "{\"productId\": %d, \"type\": \"%s\", \"quantity\": %d}".formatted(product, type, quantity), null);
    }

    private HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(options.get("url") + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(options.get("url") + path)).header("Authorization", authorization)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void adminTask(String task) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(options.get("worker-admin") + "/tasks/" + task))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(task + " answered " + response.statusCode());
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(options.get("db"), options.get("db-user"), options.get("db-password"));
    }

    private long ledgerCount() throws SQLException {
        try (Connection db = database(); var query = db.prepareStatement("SELECT count(*) FROM stock_movements WHERE store_id = ?")) {
            query.setLong(1, store);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void awaitLedger(long expected, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (ledgerCount() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker did not reach " + expected + " movements in " + timeoutSeconds + " s");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(at(sorted, 0.50), at(sorted, 0.90),
                at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private interface Step {
        void run(int index) throws Exception;
    }

    /** Runs {@code count} steps on {@code threads} threads, each thread taking the next index. */
    private static void parallel(int threads, int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        step.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
