package com.bazaar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code ./bazaar chaos} sized for CI: the real supervisor, processes and faults (a worker SIGKILL, PostgreSQL
 * and the queue stopped for a few seconds, every process SIGKILLed with a backlog), a few hundred movements.
 * Runs the jars the build has just packaged. Not in the default {@code mvn verify} yet: it still finds movements
 * lost on the embedded queue (README.md, "Durability and faults", "Known hole"); run it with
 * {@code mvn verify -Dchaos=true}.
 */
@EnabledIfSystemProperty(named = "chaos", matches = "true")
class ChaosIT {
    @Test
    void nothingAcceptedIsLostOrDoubledThroughKillsAndOutages() throws Exception {
        boolean passed = Chaos.create(new String[] {"--root", "..", "--state", ".bazaar/chaos-it", "--port", "38180",
                "--movements", "200", "--outage-seconds", "3", "--worker-kills", "1"}).run();

        assertThat(passed).as("every chaos check passed (see the output above)").isTrue();
    }
}
