package com.bazaar.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorHealthCheckTest {
    @TempDir
    Path run;

    @Test
    void healthyWhileNoMarkerIsThereWhateverElseTheRunDirectoryHolds() throws Exception {
        Files.writeString(run.resolve("worker.pid"), "4242\n");
        Files.writeString(run.resolve("worker.restarts"), "3\n");

        Result result = new SupervisorHealthCheck(run).execute();

        assertThat(result.isHealthy()).as(result.getMessage()).isTrue();
    }

    @Test
    void unhealthyNamingEachFailingProcessInTheSupervisorsWords() throws Exception {
        Files.writeString(run.resolve("worker.failed"), "worker is failing: 5 exits within 60s\n");
        Files.writeString(run.resolve("worker-1.failed"), "worker-1 is failing: 6 exits within 60s\n");

        Result result = new SupervisorHealthCheck(run).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("worker is failing: 5 exits within 60s", "worker-1 is failing: 6 exits within 60s")
                .contains("This process keeps running");
    }

    @Test
    void unhealthyWhenTheRunDirectoryCannotBeRead() {
        Result result = new SupervisorHealthCheck(run.resolve("missing")).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("cannot be read");
    }
}
