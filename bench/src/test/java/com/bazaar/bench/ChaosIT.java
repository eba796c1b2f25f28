package com.bazaar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code ./bazaar chaos} sized for CI: the real supervisor, processes and faults (a worker SIGKILL, PostgreSQL
 * and the queue stopped for a few seconds, every process SIGKILLed with a backlog), a couple of hundred movements.
 * Runs the jars the build has just packaged.
 */
class ChaosIT {
    @Test
    void nothingAcceptedIsLostOrDoubledThroughKillsAndOutages() throws Exception {
        // Below Linux's ephemeral range (32768-60999): there, the client end of any connection on the machine may hold
        // one of the five ports when the stack starts (twice in two full builds on a machine shared with other builds).
        boolean passed = Chaos.create(new String[] {"--root", "..", "--state", ".bazaar/chaos-it", "--port", "28180",
                "--movements", "200", "--outage-seconds", "3", "--worker-kills", "1",
                // The crash loop is SupervisionIT's.
                "--crash-loop-kills", "0"}).run();

        assertThat(passed).as("every chaos check passed (see the output above)").isTrue();
    }
}
