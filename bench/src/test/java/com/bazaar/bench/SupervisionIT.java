package com.bazaar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The supervisor isolates a process that keeps dying: the real {@code ./bazaar up} (the jars the build has just
 * packaged), its worker SIGKILLed 7 times, each as soon as it started, while 8 clients keep posting movements.
 * The restart policy is shortened (backoff up to 2 s, a 12 s window) so that this takes about a minute.
 */
class SupervisionIT {
    @Test
    void aWorkerThatKeepsDyingIsBackedOffAndReportedWhileTheServiceAcceptsEveryMovementAndItAppliesThemOnceBack() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path state = root.resolve(".bazaar/supervision-it");
        Chaos.deleteRecursively(state);
        // Ports below Linux's ephemeral range, beside ChaosIT's 28180-28184.
        var stack = new StackUnderTest(root, state, 28280, Map.of("BAZAAR_RESTART_BACKOFF_MAX", "2", "BAZAAR_RESTART_WINDOW", "12"));
        try {
            stack.start();
            var load = new ChaosLoad(stack);
            load.seed(2, 5);
            String[] seen = new String[2];
            JsonNode[] health = new JsonNode[1];

            ChaosLoad.Availability availability = load.loadDuring(() -> {
                stack.crashLoopWorker(7);
                seen[0] = stack.failing("worker");
                seen[1] = stack.status();
                health[0] = stack.serviceHealth();
            });

            assertThat(availability.posts()).as("movements posted while the worker kept dying").isGreaterThan(100);
            assertThat(availability.unaccepted()).as("POSTs not answered 202 (refused, 503, ...) of %d", availability.posts()).isZero();
            assertThat(seen[0]).as("run/worker.failed").startsWith("worker is failing: ");
            assertThat(seen[1]).as("./bazaar status").containsPattern("worker +[0-9]+ +[0-9]+ +FAILING")
                    .containsPattern("service +[0-9]+ +0 +unhealthy: supervisor");
            assertThat(health[0].at("/supervisor/healthy").asBoolean(true)).as("the service's supervisor check").isFalse();
            assertThat(health[0].at("/supervisor/message").asText()).startsWith("worker is failing: ");
            assertThat(health[0].at("/queue/healthy").asBoolean()).as("the service's queue check").isTrue();

            Waiting.await("the worker answers again (its backoff is 2 s)", Duration.ofSeconds(60), stack::workerAnswers);
            Waiting.await("the supervisor counts it healthy once it stayed up 12 s", Duration.ofSeconds(40),
                    () -> stack.failing("worker") == null);
            Waiting.await("the service's supervisor check passes again", Duration.ofSeconds(10),
                    () -> stack.serviceHealth().at("/supervisor/healthy").asBoolean());

            int accepted = load.accepted();
            try (Connection db = stack.database()) {
                Waiting.await("every accepted movement is in the ledger", Duration.ofMinutes(1),
                        () -> Chaos.count(db, "SELECT count(*) FROM stock_movements") >= accepted);
                assertThat(Chaos.count(db, "SELECT count(*) FROM stock_movements")).as("ledger rows").isEqualTo(accepted);
                assertThat(Chaos.count(db, "SELECT count(DISTINCT movement_id) FROM stock_movements")).isEqualTo(accepted);
                assertThat(Chaos.count(db, "SELECT count(*) FROM stock_movements WHERE status <> 'applied'")).isZero();
                ChaosLoad.Comparison levels = load.compareLevels(db);
                assertThat(levels.lost()).as("units lost of %d", levels.units()).isZero();
                assertThat(levels.doubled()).as("units doubled of %d", levels.units()).isZero();
            }
        } finally {
            stack.stop();
        }
    }
}
