package com.bazaar.bench;

import static com.bazaar.bench.Waiting.await;
import static com.bazaar.bench.Waiting.pause;

import com.bazaar.queue.QueueConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Faults against a real {@code ./bazaar up} of its own (state in {@code --state}, its own ports), under load:
 * HTTP movements with Idempotency-Keys (a tenth sent twice) and a foreign SQS producer (every movement sent
 * twice under different deduplication ids) plus poison messages, while the worker is SIGKILLed and restarted by
 * the supervisor, then SIGKILLed as soon as it starts until the supervisor counts it failing (the service must answer
 * every POST with 202 meanwhile), PostgreSQL and the queue are stopped for a while, and finally every process of the stack is
 * SIGKILLed with a backlog on the queue and the stack started again. An eighth of the load is orders: holds that
 * are then sold, released, abandoned to expire or kept. Then every level must equal its ledger sum
 * and the sum the load generator expects from what was accepted, every movement id must be in the ledger once
 * with one audit row, every hold must be there once and have ended as its client left it, every level's reserved
 * quantity must equal the sum of its active holds, its version the count of its feed rows, and every poison
 * message must be on the dead-letter queue. Prints each check and
 * {@code N passed, N failed}; exits 1 if any failed. The stack and its faults are {@link StackUnderTest}'s, the load
 * and its account of what was accepted {@link ChaosLoad}'s; here are the phases and the checks.
 *
 * <pre>java -cp bazaar-bench.jar com.bazaar.bench.Chaos --root . --movements 100000 --outage-seconds 20</pre>
 */
public final class Chaos {
    static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("root", "."), Map.entry("state", ".bazaar/chaos"),
            Map.entry("movements", "100000"), Map.entry("outage-seconds", "20"), Map.entry("worker-kills", "3"),
            Map.entry("crash-loop-kills", "6"), Map.entry("restart-backoff-max", "60"), Map.entry("restart-window", "60"),
            Map.entry("port", "38080"), Map.entry("stores", "4"), Map.entry("products", "25"));

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
        this.stack = new StackUnderTest(root, state, Integer.parseInt(options.get("port")), Map.of(
                "BAZAAR_RESTART_BACKOFF_MAX", options.get("restart-backoff-max"), "BAZAAR_RESTART_WINDOW", options.get("restart-window")));
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
            if (Integer.parseInt(options.get("crash-loop-kills")) > 0) {
                step("load with the worker crash-looping: SIGKILLed " + options.get("crash-loop-kills")
                        + " times, each as soon as the supervisor starts it", this::crashLoop);
            }
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

    /**
     * The service keeps taking movements while the worker keeps dying; the supervisor counts the worker failing,
     * the service's health check names it, and once the kills stop the worker is back within its backoff.
     */
    private void crashLoop() throws Exception {
        String[] marker = new String[1];
        JsonNode[] health = new JsonNode[1];
        ChaosLoad.Availability availability = load.loadDuring(() -> {
            stack.crashLoopWorker(Integer.parseInt(options.get("crash-loop-kills")));
            marker[0] = stack.failing("worker");
            health[0] = stack.serviceHealth();
        });
        check("the service answered each of %d POSTs with 202 while the worker kept dying (%d not)".formatted(
                availability.posts(), availability.unaccepted()), availability.posts() > 0 && availability.unaccepted() == 0);
        check("the supervisor counted the worker failing: " + marker[0], marker[0] != null);
        check("the service's supervisor health check named it: " + health[0].path("supervisor"),
                !health[0].at("/supervisor/healthy").asBoolean(true)
                        && health[0].at("/supervisor/message").asText().startsWith("worker is failing"));
        int backoff = Integer.parseInt(options.get("restart-backoff-max"));
        int window = Integer.parseInt(options.get("restart-window"));
        long stopped = System.nanoTime();
        boolean back = Waiting.within(Duration.ofSeconds(backoff + 120), stack::workerAnswers);
        System.out.printf("  the worker answered again %.0f s after the last kill%n", (System.nanoTime() - stopped) / 1e9);
        check("the worker is back within its backoff once the kills stop", back);
        check("and counted healthy again once it stayed up " + window + " s",
                Waiting.within(Duration.ofSeconds(window + 30), () -> stack.failing("worker") == null));
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
        load.releaseTheRest();
        int accepted = load.accepted();
        try (Connection db = stack.database()) {
            await("every accepted movement is in the ledger", Duration.ofMinutes(30),
                    () -> count(db, "SELECT count(*) FROM stock_movements") >= accepted);
            check("the ledger holds each accepted movement once (" + accepted + ")",
                    count(db, "SELECT count(DISTINCT movement_id) FROM stock_movements") == accepted
                            && count(db, "SELECT count(*) FROM stock_movements") == accepted);
            check("every stock in was applied",
                    count(db, "SELECT count(*) FROM stock_movements WHERE status <> 'applied' AND reservation_id IS NULL") == 0);
            check("every movement has exactly one audit row", count(db, """
                    SELECT count(*) FROM stock_movements m
                    WHERE (SELECT count(*) FROM audit_logs a WHERE a.entity_type = 'stock_movement'
                           AND a.entity_id = m.movement_id::text) <> 1""") == 0);
            check("every level equals the sum of its ledger", count(db, """
                    SELECT count(*) FROM inventory_levels l
                    WHERE l.quantity <> (SELECT COALESCE(sum(delta), 0) FROM stock_movements m
                                         WHERE m.store_id = l.store_id AND m.product_id = l.product_id AND status = 'applied')""") == 0);
            ChaosLoad.Comparison levels = load.compareLevels(db);
            check("every level equals what the load generator expects: %d units, %d lost, %d doubled".formatted(
                    levels.units(), levels.lost(), levels.doubled()), levels.lost() == 0 && levels.doubled() == 0);
            verifyHolds(db);
            check("every level's version counts its feed rows, numbered 1..n", count(db, """
                    SELECT count(*) FROM inventory_levels l
                    WHERE l.version <> (SELECT count(*) FROM inventory_changes c WHERE c.store_id = l.store_id AND c.product_id = l.product_id)""")
                    + count(db, """
                    SELECT count(*) FROM (SELECT count(*) AS n, count(DISTINCT version) AS distinct_versions, max(version) AS top
                                          FROM inventory_changes GROUP BY store_id, product_id) v
                    WHERE n <> distinct_versions OR n <> top""") == 0);
        }
        try (SqsClient sqs = stack.sqs()) {
            String dlq = sqs.getQueueUrl(r -> r.queueName(QueueConfiguration.DEFAULT_DEAD_LETTER_QUEUE_NAME)).queueUrl();
            Waiting.within(Duration.ofMinutes(2), () -> deadLettered(sqs, dlq) >= load.poison());
            long deadLettered = deadLettered(sqs, dlq);
            check("%d poison messages sent, %d on the dead-letter queue".formatted(load.poison(), deadLettered),
                    deadLettered >= load.poison());
        }
    }

    private void verifyHolds(Connection db) throws Exception {
        await("every accepted hold is decided", Duration.ofMinutes(5), () -> count(db, "SELECT count(*) FROM reservations") >= load.holds());
        check("the holds hold each accepted hold once (" + load.holds() + ")",
                count(db, "SELECT count(*) FROM reservations") == load.holds());
        // Releases are messages of their own, after the holds: wait for them as for the movements.
        Waiting.within(Duration.ofMinutes(2), () -> load.holdsAsTheirClientsLeftThem(db).wrong().isEmpty());
        ChaosLoad.HoldAccount holds = load.holdsAsTheirClientsLeftThem(db);
        check("every hold ended as its client left it %s%s".formatted(new java.util.TreeMap<>(holds.byStatus()),
                holds.wrong().isEmpty() ? "" : ", wrong: " + holds.wrong()), holds.wrong().isEmpty());
        boolean expired = Waiting.within(Duration.ofSeconds(30), () -> count(db,
                "SELECT count(*) FROM reservations WHERE status = 'active' AND expires_at < now() - interval '5 seconds'") == 0);
        check("no hold is active more than 5 s past its expiresAt", expired);
        check("every level's reserved quantity equals the sum of its active holds", count(db, """
                SELECT count(*) FROM inventory_levels l
                WHERE l.reserved <> (SELECT COALESCE(sum(quantity), 0) FROM reservations r
                                     WHERE r.store_id = l.store_id AND r.product_id = l.product_id AND r.status = 'active')""") == 0);
        check("no level holds more than it has on hand", count(db, "SELECT count(*) FROM inventory_levels WHERE reserved > quantity") == 0);
        check("every hold has one audit row for its decision and one for its end, if it ended", count(db, """
                SELECT count(*) FROM reservations r
                WHERE (SELECT count(*) FROM audit_logs a WHERE a.entity_type = 'reservation' AND a.entity_id = r.id::text
                       AND a.action_type IN ('RESERVATION_CREATED', 'RESERVATION_REJECTED')) <> 1
                   OR (SELECT count(*) FROM audit_logs a WHERE a.entity_type = 'reservation' AND a.entity_id = r.id::text
                       AND a.action_type IN ('RESERVATION_CONSUMED', 'RESERVATION_RELEASED', 'RESERVATION_EXPIRED'))
                      <> CASE WHEN r.status IN ('consumed', 'released', 'expired') THEN 1 ELSE 0 END""") == 0);
    }

    private static long deadLettered(SqsClient sqs, String dlq) {
        return Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    static long count(Connection db, String sql) throws SQLException {
        try (var query = db.createStatement(); ResultSet rs = query.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var walk = Files.walk(path)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
