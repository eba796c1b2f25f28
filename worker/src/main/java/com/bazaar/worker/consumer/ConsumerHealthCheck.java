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
        // A short-polling consumer (wait time 0: the embedded queue) is held to the bound of the longest long poll,
        // as a slow batch would otherwise pass for a stall.
        long wait = config.getWaitTime().toMilliseconds() > 0 ? config.getWaitTime().toMilliseconds()
                : ConsumerConfiguration.LONGEST_WAIT_SECONDS * 1000L;
        this.bound = Duration.ofMillis(2 * wait);
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
