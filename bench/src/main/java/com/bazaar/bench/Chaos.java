package com.bazaar.bench;

import static com.bazaar.bench.Waiting.await;
import static com.bazaar.bench.Waiting.pause;

import com.bazaar.queue.QueueConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Faults against a real {@code ./bazaar up} of its own (state in {@code --state}, its own ports), under load:
 * HTTP movements with Idempotency-Keys (a tenth sent twice) and a foreign SQS producer (every movement sent
 * twice under different deduplication ids) plus poison messages, while the worker is SIGKILLed and restarted by
 * the supervisor, PostgreSQL and the queue are stopped for a while, and finally every process of the stack is
 * SIGKILLed with a backlog on the queue and the stack started again. Then every level must equal its ledger sum
 * and the sum the load generator expects from what was accepted, every movement id must be in the ledger once
 * with one audit row, and every poison message must be on the dead-letter queue. Prints each check and
 * {@code N passed, N failed}; exits 1 if any failed. The stack and its faults are {@link StackUnderTest}'s, the load
 * and its account of what was accepted {@link ChaosLoad}'s; here are the phases and the checks.
 *
 * <pre>java -cp bazaar-bench.jar com.bazaar.bench.Chaos --root . --movements 100000 --outage-seconds 20</pre>
 */
public final class Chaos {
    static final Map<String, String> DEFAULTS = Map.of("root", ".", "state", ".bazaar/chaos", "movements", "100000",
            "outage-seconds", "20", "worker-kills", "3", "port", "38080", "stores", "4", "products", "25");

    private final Map<String, String> options;
    private final Path state;
    private final StackUnderTest stack;
    private final ChaosLoad load;
    private final List<String> failures = new ArrayList<>();
    private int passed;

    private Chaos(Map<String, String> options) {
        this.options = options;
        Path root = Path.of(options.get("root")).toAbsolutePath().normalize();
        this.state = root.resolve(options.get("state"));
        this.stack = new StackUnderTest(root, state, Integer.parseInt(options.get("port")));
        this.load = new ChaosLoad(stack);
    }

    public static void main(String[] args) throws Exception {
        System.exit(create(args).run() ? 0 : 1);
    }

    /** @param args {@code --name value} pairs, see {@link #DEFAULTS} */
    static Chaos create(String[] args) {
        return new Chaos(Options.parse(args, DEFAULTS));
    }

    /** @return true when every check passed */
    public boolean run() throws Exception {
        deleteRecursively(state);
        try {
            stack.start();
            load.seed(Integer.parseInt(options.get("stores")), Integer.parseInt(options.get("products")));
            int movements = Integer.parseInt(options.get("movements"));
            int outage = Integer.parseInt(options.get("outage-seconds"));
            int perPhase = movements / 4;

            step("load with the worker SIGKILLed " + options.get("worker-kills") + " times", () -> load.load(perPhase, () -> {
                for (int i = 0; i < Integer.parseInt(options.get("worker-kills")); i++) {
                    pause(Duration.ofSeconds(3));
                    stack.killWorker();
                }
            }));
            step("load with PostgreSQL stopped for " + outage + " s", () -> load.load(perPhase, () -> stack.outage("postgres", outage)));
            step("load with the queue unreachable for " + outage + " s", () -> load.load(perPhase, () -> stack.outage("sqs", outage)));
            step("every process SIGKILLed with a backlog on the queue, then ./bazaar up again", () -> {
                stack.workerTask("pause-consumer");
                load.load(perPhase, () -> { });
                stack.killEverything();
                stack.start();
            });
            verify();
        } finally {
            stack.stop();
        }
        System.out.printf("%nchaos: %d passed, %d failed%n", passed, failures.size());
        failures.forEach(f -> System.out.println("  FAILED: " + f));
        return failures.isEmpty();
    }

    private void step(String name, Waiting.Action action) throws Exception {
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

    private void verify() throws Exception {
        System.out.println("* verify");
        stack.workerTask("resume-consumer");
        int accepted = load.accepted();
        try (Connection db = stack.database()) {
            await("every accepted movement is in the ledger", Duration.ofMinutes(30),
                    () -> count(db, "SELECT count(*) FROM stock_movements") >= accepted);
            check("the ledger holds each accepted movement once (" + accepted + ")",
                    count(db, "SELECT count(DISTINCT movement_id) FROM stock_movements") == accepted
                            && count(db, "SELECT count(*) FROM stock_movements") == accepted);
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
            for (var entry : load.expected().entrySet()) {
                long difference = levels.getOrDefault(entry.getKey(), 0L) - entry.getValue().get();
                lost += Math.max(0, -difference);
                doubled += Math.max(0, difference);
            }
            long units = load.expected().values().stream().mapToLong(AtomicLong::get).sum();
            check("every level equals what the load generator expects: %d units, %d lost, %d doubled".formatted(
                    units, lost, doubled), lost == 0 && doubled == 0);
        }
        try (SqsClient sqs = stack.sqs()) {
            String dlq = sqs.getQueueUrl(r -> r.queueName(QueueConfiguration.DEFAULT_DEAD_LETTER_QUEUE_NAME)).queueUrl();
            Waiting.within(Duration.ofMinutes(2), () -> deadLettered(sqs, dlq) >= load.poison());
            long deadLettered = deadLettered(sqs, dlq);
            check("%d poison messages sent, %d on the dead-letter queue".formatted(load.poison(), deadLettered),
                    deadLettered >= load.poison());
        }
    }

    private static long deadLettered(SqsClient sqs, String dlq) {
        return Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages"));
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
