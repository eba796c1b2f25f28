package com.bazaar.worker.backlog;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The backlog: the oldest waiting message is younger than the configured bound, and the depths are current. */
public class BacklogHealthCheck extends HealthCheck {
    private final BacklogMonitor monitor;
    private final Duration maxAge;
    /** Depths older than three refresh intervals mean the reads are failing. */
    private final Duration maxStaleness;
    private final Clock clock;

    public BacklogHealthCheck(BacklogMonitor monitor, BacklogConfiguration config, Clock clock) {
        this.monitor = monitor;
        this.maxAge = Duration.ofMillis(config.getMaxAge().toMilliseconds());
        this.maxStaleness = Duration.ofMillis(config.getRefreshInterval().toMilliseconds() * 3);
        this.clock = clock;
    }

    @Override
    protected Result check() {
        Instant read = monitor.lastRefresh();
        Duration stale = read == null ? null : Duration.between(read, clock.instant());
        if (read == null || stale.compareTo(maxStaleness) > 0) {
            return Result.unhealthy("queue depths not read %s: %s. See the queue check",
                    read == null ? "yet" : "for " + stale.toSeconds() + " s", monitor.lastError());
        }
        BacklogMonitor.Depths depths = monitor.depths();
        long age = monitor.backlogAge().toSeconds();
        if (age > maxAge.toSeconds()) {
            return Result.unhealthy("the oldest waiting message is about %d s old (bound %d s); %d waiting, %d in flight. "
                    + "The worker is not consuming (see the consumer check) or not keeping up (raise WORKER_THREADS "
                    + "or run more workers)", age, maxAge.toSeconds(), depths.waiting(), depths.inFlight());
        }
        return Result.healthy("%d waiting, %d in flight, backlog about %d s old (bound %d s); %d on the dead-letter "
                + "queue (POST /tasks/dlq-summary)", depths.waiting(), depths.inFlight(), age, maxAge.toSeconds(),
                depths.deadLetters());
    }
}
