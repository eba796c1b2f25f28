package com.bazaar.ops;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Under {@code ./bazaar up}: unhealthy while a process of the stack is failing, that is while its supervisor keeps
 * restarting it with backoff, naming it and saying why, from the {@code NAME.failed} markers the supervisor keeps in
 * its run directory ({@code BAZAAR_RUN_DIR}). One directory listing per check, no network.
 */
public class SupervisorHealthCheck extends HealthCheck {
    private final Path runDirectory;

    public SupervisorHealthCheck(Path runDirectory) {
        this.runDirectory = runDirectory;
    }

    /** Registers the check as {@code supervisor} when {@code runDirectory} is set (a process {@code ./bazaar up} runs). */
    public static void register(Environment environment, String runDirectory) {
        if (runDirectory != null && !runDirectory.isBlank()) {
            environment.healthChecks().register("supervisor", new SupervisorHealthCheck(Path.of(runDirectory)));
        }
    }

    @Override
    protected Result check() {
        List<String> failing;
        try (Stream<Path> files = Files.list(runDirectory)) {
            failing = files.filter(f -> f.getFileName().toString().endsWith(".failed")).sorted().map(SupervisorHealthCheck::read)
                    .toList();
        } catch (IOException e) {
            return Result.unhealthy("the supervisor's run directory %s cannot be read: %s", runDirectory, e);
        }
        if (failing.isEmpty()) {
            return Result.healthy("no process of this ./bazaar up is failing (markers in %s)", runDirectory);
        }
        return Result.unhealthy("%s. This process keeps running; ./bazaar status tells more", String.join("; ", failing));
    }

    private static String read(Path marker) {
        try {
            return Files.readString(marker).trim();
        } catch (IOException e) {
            // Removed between the listing and the read: it runs healthy again.
            return marker.getFileName() + " (just removed)";
        }
    }
}
