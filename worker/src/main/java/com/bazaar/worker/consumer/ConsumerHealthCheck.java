package com.bazaar.worker.consumer;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.List;

/** Consumer liveness: every consumer thread has polled the queue within twice the long-poll wait. */
public class ConsumerHealthCheck extends HealthCheck {
    private final MovementConsumer consumer;
    private final Duration bound;

    public ConsumerHealthCheck(MovementConsumer consumer, ConsumerConfiguration config) {
        this.consumer = consumer;
        // At least a second, for a configured wait time of 0 (short polling).
        this.bound = Duration.ofMillis(Math.max(2 * config.getWaitTime().toMilliseconds(), 1000));
    }

    @Override
    protected Result check() {
        List<String> stalled = consumer.stalledThreads(bound);
        if (!stalled.isEmpty()) {
            return Result.unhealthy("%d consumer thread(s) have not polled the queue within %d s: %s. "
                    + "See the postgresql and queue checks, the log and /threads", stalled.size(), bound.toSeconds(),
                    String.join("; ", stalled));
        }
        if (consumer.isPaused()) {
            return Result.healthy("paused by an operator: POST /tasks/resume-consumer resumes it");
        }
        return Result.healthy("every consumer thread polled the queue within %d s", bound.toSeconds());
    }
}
