package com.bazaar.worker.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.SharedTestStack;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar bazaar-worker.jar verify config.yml} as an operator runs it (the packaged jar, a database of its own
 * migrated by the jar's {@code db migrate}), and the worker's periodic check on the same database: a level equal to its
 * ledger and holds passes, one changed behind the application's back is named and exits 1.
 */
class VerifyCommandIT {
    static final Path JAR = Path.of("target/bazaar-worker.jar");
    static final Path CONFIG = Path.of("../config.yml");
    // Each test's own database: its ledger is append-only, so a test cannot clear another's rows.
    String name;
    Jdbi db;

    @BeforeEach
    void aDatabaseOfItsOwn() throws Exception {
        name = "verify_it_" + System.nanoTime();
        ServiceTestApp.database().useHandle(h -> h.execute("CREATE DATABASE " + name));
        Run migrate = run("db", "migrate", CONFIG.toString());
        assertThat(migrate.exit()).as(migrate.output()).isZero();
        db = Jdbi.create("jdbc:postgresql://127.0.0.1:" + port() + "/" + name, "postgres", "");
        // stores 1 and 2, product 1
        db.useHandle(h -> h.execute("INSERT INTO stores (name) VALUES ('Downtown'), ('Uptown')"));
        db.useHandle(h -> h.execute("INSERT INTO products (name) VALUES ('Oat milk 1L')"));
    }

    static int port() {
        return SharedTestStack.start(() -> { }).database().port();
    }

    record Run(int exit, String output) {
    }

    Run run(String... command) throws Exception {
        String[] line = new String[command.length + 3];
        line[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        line[1] = "-jar";
        line[2] = JAR.toString();
        System.arraycopy(command, 0, line, 3, command.length);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().putAll(java.util.Map.of("DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(port()),
                "DB_NAME", name, "DB_USER", "postgres", "DB_PASS", ""));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** One level of store 1, product 1 as the worker leaves it: 5 on hand from two ledger rows, 2 held by one hold. */
    void aConsistentLevel() {
        db.useHandle(h -> {
            h.execute("""
                    INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status, rejection_reason,
                                                 actor, source, occurred_at, accepted_at, applied_at)
                    VALUES (gen_random_uuid(), 1, 1, 'in', 7, 7, 'applied', NULL, 'clerk', 'api', now(), now(), now()),
                           (gen_random_uuid(), 1, 1, 'out', 2, -2, 'applied', NULL, 'clerk', 'api', now(), now(), now()),
                           (gen_random_uuid(), 1, 1, 'out', 90, -90, 'rejected', 'insufficient stock', 'clerk', 'api', now(), now(), now())""");
            h.execute("""
                    INSERT INTO reservations (id, store_id, product_id, quantity, status, expires_at, created_at, applied_at, actor, source)
                    VALUES (gen_random_uuid(), 1, 1, 2, 'active', now() + interval '1 hour', now(), now(), 'clerk', 'api')""");
            h.execute("INSERT INTO inventory_levels (store_id, product_id, quantity, reserved, version) VALUES (1, 1, 5, 2, 3)");
        });
    }

    @Test
    void aDatabaseWhoseLevelsAreTheirLedgerAndHoldsPassesAndOneChangedBehindTheApplicationsBackExits1NamingIt() throws Exception {
        aConsistentLevel();
        Run passes = run("verify", CONFIG.toString());
        assertThat(passes.exit()).as(passes.output()).isZero();
        assertThat(passes.output()).contains("1 levels checked, 0 mismatches");

        db.useHandle(h -> h.execute("UPDATE inventory_levels SET quantity = 6, reserved = 0"));
        db.useHandle(h -> h.execute("""
                INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status, actor, source,
                                             occurred_at, accepted_at, applied_at)
                VALUES (gen_random_uuid(), 2, 1, 'in', 4, 4, 'applied', 'clerk', 'api', now(), now(), now())"""));
        Run fails = run("verify", CONFIG.toString());
        assertThat(fails.exit()).as(fails.output()).isEqualTo(1);
        assertThat(fails.output()).contains(
                "store 1, product 1: on hand 6, the ledger sums to 5; reserved 0, the active holds sum to 2",
                "store 2, product 1: on hand 0, the ledger sums to 4",
                "2 levels checked, 2 mismatches").doesNotContain("Exception");
    }

    @Test
    void theWorkersPeriodicCheckFailsItsHealthCheckOnAMismatchNamingIt() {
        aConsistentLevel();
        var check = new LevelCheck(new LevelVerifier(db), Executors.newSingleThreadScheduledExecutor(), Duration.ofHours(1),
                new MetricRegistry());
        assertThat(check.execute().getMessage()).isEqualTo("not verified yet: the first run is 1h after the start");
        check.run();
        assertThat(check.execute().isHealthy()).isTrue();
        assertThat(check.execute().getMessage()).isEqualTo("1 levels checked, 0 mismatches");

        db.useHandle(h -> h.execute("UPDATE inventory_levels SET quantity = 4"));
        check.run();
        HealthCheck.Result result = check.execute();
        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).startsWith("1 levels checked, 1 mismatches; the first: store 1, product 1: on hand 4, "
                + "the ledger sums to 5");
    }
}
