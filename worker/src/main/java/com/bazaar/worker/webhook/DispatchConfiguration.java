package com.bazaar.worker.webhook;

import com.bazaar.worker.Doubling;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** How the worker delivers webhooks: the {@code worker.webhooks} block of config.yml. */
public class DispatchConfiguration {
    /** Subscriptions delivered at once by this worker: one thread each, so one slow receiver holds one of them. */
    @Min(1)
    @Max(256)
    private int deliveries = 8;

    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration pollInterval = Duration.milliseconds(200);

    /** The longest pause between polls that keep finding nothing due; see {@link #pauseAfterEmptyPolls}. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
    private Duration maxPollInterval = Duration.seconds(1);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration lease = Duration.seconds(30);

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
    private Duration timeout = Duration.seconds(10);

    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration firstRetry = Duration.seconds(1);

    @NotNull
    private Duration maxRetry = Duration.minutes(10);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration failAfter = Duration.hours(24);

    /**
     * The pause after {@code emptyPolls} polls in a row found no subscription due: {@code pollInterval}, doubling
     * with each further empty poll up to {@code maxPollInterval}, so an idle worker asks the database once a second
     * rather than five times, and the first event after a quiet spell waits at most that long.
     */
    public long pauseAfterEmptyPolls(int emptyPolls) {
        long first = pollInterval.toMilliseconds();
        return Doubling.step(first, emptyPolls, Math.max(first, maxPollInterval.toMilliseconds()));
    }

    /** A lease shorter than two timeouts could run out while a delivery is on the wire. */
    @AssertTrue(message = "lease must be at least twice the timeout")
    public boolean isLeaseLongerThanTwoTimeouts() {
        return lease.toMilliseconds() >= 2 * timeout.toMilliseconds();
    }

    public RetrySchedule retrySchedule() {
        return new RetrySchedule(firstRetry.toJavaDuration(), maxRetry.toJavaDuration(), failAfter.toJavaDuration());
    }

    public int getDeliveries() {
        return deliveries;
    }

    public void setDeliveries(int deliveries) {
        this.deliveries = deliveries;
    }

    public Duration getMaxPollInterval() {
        return maxPollInterval;
    }

    public void setMaxPollInterval(Duration maxPollInterval) {
        this.maxPollInterval = maxPollInterval;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getFirstRetry() {
        return firstRetry;
    }

    public void setFirstRetry(Duration firstRetry) {
        this.firstRetry = firstRetry;
    }

    public Duration getMaxRetry() {
        return maxRetry;
    }

    public void setMaxRetry(Duration maxRetry) {
        this.maxRetry = maxRetry;
    }

    public Duration getFailAfter() {
        return failAfter;
    }

    public void setFailAfter(Duration failAfter) {
        this.failAfter = failAfter;
    }
}
