package com.bazaar.bench;

import com.bazaar.movement.MovementCodec;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementType;
import com.bazaar.queue.QueueConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Faults against a real {@code ./bazaar up} of its own (state in {@code --state}, its own ports), under load:
 * HTTP movements with Idempotency-Keys (a tenth sent twice) and a foreign SQS producer (every movement sent
 * twice under different deduplication ids) plus poison messages, while the worker is SIGKILLed and restarted by
 * the supervisor, PostgreSQL and the queue are stopped for a while, and finally every process of the stack is
 * SIGKILLed with a backlog on the queue and the stack started again. Then every level must equal its ledger sum
 * and the sum the load generator expects from what was accepted, every movement id must be in the ledger once
 * with one audit row, and every poison message must be on the dead-letter queue. Prints each check and
 * {@code N passed, N failed}; exits 1 if any failed.
 *
 * <pre>java -cp bazaar-bench.jar com.bazaar.bench.Chaos --root . --movements 100000 --outage-seconds 20</pre>
 */
public final class Chaos {
    static final Map<String, String> DEFAULTS = Map.of("root", ".", "state", ".bazaar/chaos", "movements", "100000",
            "outage-seconds", "20", "worker-kills", "3", "port", "38080", "stores", "4", "products", "25");

    private final Map<String, String> options;
    private final Path root;
    private final Path state;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final MovementCodec codec = new MovementCodec();
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString("admin:bazaar-dev".getBytes(StandardCharsets.UTF_8));
    /** Units each (store, product) must end with: the sum of every movement the system accepted, counted once. */
    private final Map<String, AtomicLong> expected = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger poison = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();
    private int passed;
    private Process stack;
    private long[] stores;
    private long[] products;

    private Chaos(Map<String, String> options) {
        this.options = options;
        this.root = Path.of(options.get("root")).toAbsolutePath().normalize();
        this.state = root.resolve(options.get("state"));
        this.port = Integer.parseInt(options.get("port"));
    }

    public static void main(String[] args) throws Exception {
        System.exit(create(args).run() ? 0 : 1);
    }

    /** @param args {@code --name value} pairs, see {@link #DEFAULTS} */
    static Chaos create(String[] args) {
        Map<String, String> options = new HashMap<>(DEFAULTS);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + DEFAULTS.keySet());
            }
            options.put(name, args[i + 1]);
        }
        return new Chaos(options);
    }

    /** @return true when every check passed */
    public boolean run() throws Exception {
        deleteRecursively(state);
        try {
            startStack();
            seed();
            int movements = Integer.parseInt(options.get("movements"));
            int outage = Integer.parseInt(options.get("outage-seconds"));
            int perPhase = movements / 4;

            step("load with the worker SIGKILLed " + options.get("worker-kills") + " times", () -> load(perPhase, () -> {
                for (int i = 0; i < Integer.parseInt(options.get("worker-kills")); i++) {
                    pause(Duration.ofSeconds(3));
                    long killed = pid("worker");
                    signal("KILL", killed);
                    System.out.printf("  SIGKILL worker (pid %d)%n", killed);
                    await("the supervisor restarts the worker", Duration.ofSeconds(120),
                            () -> pid("worker") != killed && answers(port + 2, "/ping"));
                }
            }));
            step("load with PostgreSQL stopped for " + outage + " s", () -> load(perPhase, () -> outage("postgres", outage)));
            step("load with the queue unreachable for " + outage + " s", () -> load(perPhase, () -> outage("sqs", outage)));
            step("every process SIGKILLed with a backlog on the queue, then ./bazaar up again", () -> {
                post(port + 2, "/tasks/pause-consumer");
                load(perPhase, () -> { });
                killEverything();
                startStack();
            });
            verify();
        } finally {
            if (stack != null) {
                stopStack();
            }
        }
        System.out.printf("%nchaos: %d passed, %d failed%n", passed, failures.size());
        failures.forEach(f -> System.out.println("  FAILED: " + f));
        return failures.isEmpty();
    }

    private interface Action {
        void run() throws Exception;
    }

    private void step(String name, Action action) throws Exception {
        long start = System.nanoTime();
        System.out.println("* " + name);
        action.run();
        System.out.printf("  done in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private void check(String what, boolean ok) {
        System.out.println((ok ? "  passed: " : "  FAILED: ") + what);
        if (ok) {
            passed++;
        } else {
            failures.add(what);
        }
    }

    /**
     * {@code count} movements: three quarters over HTTP (a tenth of them sent a second time with the same key),
     * a quarter from a foreign producer (each sent twice under two deduplication ids), plus one poison message
     * per hundred; {@code fault} runs meanwhile.
     */
    private void load(int count, Action fault) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            clients.add(started(() -> {
                try (SqsClient sqs = sqs()) {
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
                HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/stores/" + store + "/stock-movements")).header("Authorization", authorization)
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)));
                if (response != null && response.statusCode() == 202) {
                    id = UUID.fromString(json.readTree(response.body()).at("/movement/id").asText());
                    break;
                }
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
        var message = new MovementMessage(UUID.randomUUID(), store, product, MovementType.IN, quantity, null, null, "chaos-pos", null, null);
        for (int copy = 0; copy < 2; copy++) {
            String dedup = message.movementId() + "-" + copy;
            retry(() -> sqs.sendMessage(r -> r.queueUrl(queueUrl(sqs)).messageBody(codec.encode(message))
                    .messageGroupId(message.messageGroupId()).messageDeduplicationId(dedup)));
        }
        if (accepted.putIfAbsent(message.movementId(), true) == null) {
            expected.computeIfAbsent(store + ":" + product, k -> new AtomicLong()).addAndGet(quantity);
        }
        if (withPoison) {
            String body = "{\"storeId\": " + store + ", \"productId\": \"not a number\"}";
            retry(() -> sqs.sendMessage(r -> r.queueUrl(queueUrl(sqs)).messageBody(body).messageGroupId(store + ":" + product)
                    .messageDeduplicationId(UUID.randomUUID().toString())));
            poison.incrementAndGet();
        }
    }

    private void retry(Action send) throws Exception {
        while (true) {
            try {
                send.run();
                return;
            } catch (RuntimeException e) {
                pause(Duration.ofMillis(500));
            }
        }
    }

    /** Stops a supervised process cleanly and keeps the supervisor from restarting it for {@code seconds}. */
    private void outage(String name, int seconds) throws Exception {
        pause(Duration.ofSeconds(2));
        Path hold = state.resolve("run/" + name + ".hold");
        Files.createFile(hold);
        long pid = pid(name);
        signal("TERM", pid);
        System.out.printf("  stopped %s (pid %d) for %d s%n", name, pid, seconds);
        pause(Duration.ofSeconds(seconds));
        Files.delete(hold);
        await("the supervisor starts " + name + " again", Duration.ofSeconds(180), () -> pid(name) != pid);
    }

    private void verify() throws Exception {
        System.out.println("* verify");
        post(port + 2, "/tasks/resume-consumer");
        try (Connection db = database()) {
            await("every accepted movement is in the ledger", Duration.ofMinutes(30),
                    () -> count(db, "SELECT count(*) FROM stock_movements") >= accepted.size());
            check("the ledger holds each accepted movement once (" + accepted.size() + ")",
                    count(db, "SELECT count(DISTINCT movement_id) FROM stock_movements") == accepted.size()
                            && count(db, "SELECT count(*) FROM stock_movements") == accepted.size());
            check("every movement was applied (all were stock in)",
                    count(db, "SELECT count(*) FROM stock_movements WHERE status <> 'applied'") == 0);
            check("every movement has exactly one audit row", count(db, """
                    SELECT count(*) FROM stock_movements m
                    WHERE (SELECT count(*) FROM audit_logs a WHERE a.entity_type = 'stock_movement'
                           AND a.entity_id = m.movement_id::text) <> 1""") == 0);
            check("every level equals the sum of its ledger", count(db, """
                    SELECT count(*) FROM inventory_levels l
                    WHERE l.quantity <> (SELECT COALESCE(sum(delta), 0) FROM stock_movements m
                                         WHERE m.store_id = l.store_id AND m.product_id = l.product_id AND status = 'applied')""") == 0);
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
            long units = expected.values().stream().mapToLong(AtomicLong::get).sum();
            check("every level equals what the load generator expects: %d units, %d lost, %d doubled".formatted(
                    units, lost, doubled), lost == 0 && doubled == 0);
        }
        try (SqsClient sqs = sqs()) {
            String dlq = sqs.getQueueUrl(r -> r.queueName(QueueConfiguration.DEFAULT_DEAD_LETTER_QUEUE_NAME)).queueUrl();
            await("the poison messages reach the dead-letter queue", Duration.ofMinutes(2), () -> Long.parseLong(
                    sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                            .attributesAsStrings().get("ApproximateNumberOfMessages")) >= poison.get());
            check(poison.get() + " poison messages on the dead-letter queue, nothing behind them held back", true);
        }
    }

    private void seed() throws Exception {
        stores = new long[Integer.parseInt(options.get("stores"))];
        products = new long[Integer.parseInt(options.get("products"))];
        for (int i = 0; i < stores.length; i++) {
            stores[i] = json.readTree(create("/stores", "Chaos store " + i)).at("/store/id").asLong();
        }
        for (int i = 0; i < products.length; i++) {
            products[i] = json.readTree(create("/products", "Chaos product " + i)).get("productId").asLong();
        }
    }

    private String create(String path, String name) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\"}"))).body();
    }

    /** The stack under test: {@code ./bazaar up} with its own state directory and ports, no build. */
    private void startStack() throws Exception {
        for (int p = port; p <= port + 4; p++) {
            try (var socket = new java.net.ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + p + " is in use; choose other ports with --port", e);
            }
        }
        Files.createDirectories(state);
        ProcessBuilder up = new ProcessBuilder(root.resolve("bazaar").toString(), "up").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("up.log").toFile()));
        Map<String, String> env = up.environment();
        env.put("BAZAAR_STATE_DIR", state.toString());
        env.put("BAZAAR_NO_BUILD", "1");
        env.put("PORT", String.valueOf(port));
        env.put("ADMIN_PORT", String.valueOf(port + 1));
        env.put("WORKER_ADMIN_PORT", String.valueOf(port + 2));
        env.put("DB_PORT", String.valueOf(port + 3));
        env.put("SQS_PORT", String.valueOf(port + 4));
        env.put("RATE_LIMIT_RPS", "1000000");
        env.put("RATE_LIMIT_BURST", "1000000");
        stack = up.start();
        await("./bazaar up answers", Duration.ofMinutes(5), () -> answers(port + 1, "/ping") && answers(port + 2, "/ping"));
    }

    private void stopStack() throws Exception {
        stack.destroy();
        stack.waitFor(120, TimeUnit.SECONDS);
        killEverything();
    }

    /** SIGKILL to the supervisor, every process it runs and every PostgreSQL process of the stack's data directory. */
    private void killEverything() throws Exception {
        List<ProcessHandle> victims = new ArrayList<>();
        ProcessHandle.of(stack.pid()).ifPresent(victims::add);
        ProcessHandle.of(stack.pid()).ifPresent(p -> p.descendants().forEach(victims::add));
        Path postmaster = state.resolve("postgres/postmaster.pid");
        if (Files.exists(postmaster)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(postmaster).get(0).trim())).ifPresent(p -> {
                victims.add(p);
                p.descendants().forEach(victims::add);
            });
        }
        victims.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle victim : victims) {
            victim.onExit().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("  SIGKILL to %d processes%n", victims.size());
    }

    private long pid(String name) {
        try {
            return Long.parseLong(Files.readString(state.resolve("run/" + name + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor();
    }

    private boolean answers(int adminPort, String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(2)).GET());
        return response != null && response.statusCode() == 200;
    }

    private void post(int adminPort, String path) {
        send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** @return null when the server cannot be reached */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                // not yet: the process or database is still coming up
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting until " + what);
            }
            pause(Duration.ofMillis(250));
        }
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private SqsClient sqs() {
        return SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + (port + 4))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bazaar-local", "bazaar-local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static String queueUrl(SqsClient sqs) {
        return sqs.getQueueUrl(r -> r.queueName(QueueConfiguration.DEFAULT_QUEUE_NAME)).queueUrl();
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + (port + 3) + "/bazaar", "postgres", "");
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (var query = db.createStatement(); ResultSet rs = query.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var walk = Files.walk(path)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
