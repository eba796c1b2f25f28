package com.bazaar.worker.verify;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LevelVerifier} in the worker every {@code interval}: the metrics {@code bazaar.worker.verify.levels},
 * {@code .mismatches} and {@code .seconds} give the last run, and the {@code levels} health check fails while it found
 * a mismatch (naming the first ones), so a level that drifted from its ledger alerts.
 */
public final class LevelCheck extends HealthCheck implements Managed, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LevelCheck.class);

    private final LevelVerifier verifier;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private volatile LevelVerifier.Report last;

    public LevelCheck(LevelVerifier verifier, ScheduledExecutorService scheduler, Duration interval, MetricRegistry metrics) {
        this.verifier = verifier;
        this.scheduler = scheduler;
        this.interval = interval;
        metrics.gauge("bazaar.worker.verify.levels", () -> () -> last == null ? 0 : last.checked());
        metrics.gauge("bazaar.worker.verify.mismatches", () -> () -> last == null ? 0 : last.mismatchCount());
        metrics.gauge("bazaar.worker.verify.seconds", () -> () -> last == null ? 0 : last.seconds());
    }

    @Override
    public void start() {
        scheduler.scheduleWithFixedDelay(this, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        try {
            last = verifier.verify();
            if (last.mismatchCount() > 0) {
                LOG.error("Levels that are not what the ledger and the holds say: {}; first: {}", last.summary(), last.mismatches());
            } else {
                LOG.info("Levels verified: {} in {} s", last.summary(), "%.1f".formatted(last.seconds()));
            }
        } catch (RuntimeException e) {
            // The next run tries again; a database outage is reported by the postgresql check.
            LOG.warn("Level verification failed, retrying in {}: {}", interval.toString().substring(2).toLowerCase(), e.toString());
        }
    }

    @Override
    protected Result check() {
        LevelVerifier.Report report = last;
        if (report == null) {
            return Result.healthy("not verified yet: the first run is " + interval.toString().substring(2).toLowerCase() + " after the start");
        }
        if (report.mismatchCount() == 0) {
            return Result.healthy(report.summary());
        }
        return Result.unhealthy(report.summary() + "; the first: " + String.join("; ", report.mismatches().subList(0,
                Math.min(5, report.mismatches().size()))) + ". ./bazaar verify lists them all");
    }
}
