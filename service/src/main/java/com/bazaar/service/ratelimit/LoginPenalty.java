package com.bazaar.service.ratelimit;

import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The penalty for failed logins of one key (a user name, or a client address), as a pure function of the
 * failures so far and the time. The first {@code freeFailures} cost nothing; each one after locks the key for
 * {@code firstLock}, doubling per failure up to {@code maxLock}. One failure is forgiven per {@code forgiveEvery}
 * without failures, so the penalty decays by itself. Logins refused during a lock never reach the password check
 * and are not failures: a lock cannot be made longer than {@code maxLock} by hammering it.
 */
public class LoginPenalty {
    /** What is remembered about one key. */
    public record Failures(int count, Instant lastFailure, Instant lockedUntil) {
    }

    @Min(0)
    @Max(1000)
    private int freeFailures = 5;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration firstLock = Duration.seconds(1);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration maxLock = Duration.minutes(1);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration forgiveEvery = Duration.minutes(1);

    public LoginPenalty() {
    }

    public LoginPenalty(int freeFailures, Duration firstLock, Duration maxLock, Duration forgiveEvery) {
        this.freeFailures = freeFailures;
        this.firstLock = firstLock;
        this.maxLock = maxLock;
        this.forgiveEvery = forgiveEvery;
    }

    /** How long logins for this key are still refused at {@code now}; empty when they may try. */
    public Optional<java.time.Duration> refusal(Failures failures, Instant now) {
        if (failures == null || !failures.lockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(java.time.Duration.between(now, failures.lockedUntil()));
    }

    /** The record after one more failure at {@code now} ({@code before} may be null: none yet). */
    public Failures afterFailure(Failures before, Instant now) {
        int count = unforgiven(before, now) + 1;
        int overFree = count - freeFailures;
        Instant lockedUntil = overFree <= 0 ? now : now.plusMillis(lockMillis(overFree));
        return new Failures(count, now, lockedUntil);
    }

    /** When the record no longer matters (no lock left, every failure forgiven): it may be dropped then. */
    public Instant forgottenAt(Failures failures) {
        Instant forgiven = failures.lastFailure().plusMillis(forgiveEvery.toMilliseconds() * failures.count());
        return forgiven.isAfter(failures.lockedUntil()) ? forgiven : failures.lockedUntil();
    }

    private int unforgiven(Failures failures, Instant now) {
        if (failures == null) {
            return 0;
        }
        long forgiven = java.time.Duration.between(failures.lastFailure(), now).toMillis() / forgiveEvery.toMilliseconds();
        return (int) Math.max(0, failures.count() - forgiven);
    }

    /** firstLock * 2^(overFree - 1), at most maxLock. */
    private long lockMillis(int overFree) {
        long first = firstLock.toMilliseconds();
        long max = maxLock.toMilliseconds();
        int doublings = overFree - 1;
        return doublings >= Long.numberOfLeadingZeros(first) - 1 ? max : Math.min(max, first << doublings);
    }

    public int getFreeFailures() {
        return freeFailures;
    }

    public void setFreeFailures(int freeFailures) {
        this.freeFailures = freeFailures;
    }

    public Duration getFirstLock() {
        return firstLock;
    }

    public void setFirstLock(Duration firstLock) {
        this.firstLock = firstLock;
    }

    public Duration getMaxLock() {
        return maxLock;
    }

    public void setMaxLock(Duration maxLock) {
        this.maxLock = maxLock;
    }

    public Duration getForgiveEvery() {
        return forgiveEvery;
    }

    public void setForgiveEvery(Duration forgiveEvery) {
        this.forgiveEvery = forgiveEvery;
    }
}
