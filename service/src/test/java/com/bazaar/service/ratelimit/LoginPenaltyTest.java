package com.bazaar.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginPenaltyTest {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    final LoginPenalty penalty = new LoginPenalty(3, Duration.seconds(1), Duration.seconds(8), Duration.minutes(1));

    LoginPenalty.Failures fail(int times, Instant at) {
        LoginPenalty.Failures failures = null;
        for (int i = 0; i < times; i++) {
            failures = penalty.afterFailure(failures, at);
        }
        return failures;
    }

    static java.time.Duration seconds(long s) {
        return java.time.Duration.ofSeconds(s);
    }

    @Test
    void theFreeFailuresLockNothing() {
        assertThat(penalty.refusal(null, T0)).isEmpty();
        assertThat(penalty.refusal(fail(3, T0), T0)).isEmpty();
    }

    @Test
    void eachFailureAfterTheFreeOnesDoublesTheLockUpToItsCap() {
        assertThat(penalty.refusal(fail(4, T0), T0)).hasValue(seconds(1));
        assertThat(penalty.refusal(fail(5, T0), T0)).hasValue(seconds(2));
        assertThat(penalty.refusal(fail(6, T0), T0)).hasValue(seconds(4));
        assertThat(penalty.refusal(fail(7, T0), T0)).hasValue(seconds(8));
        assertThat(penalty.refusal(fail(8, T0), T0)).hasValue(seconds(8));
        assertThat(penalty.refusal(fail(200, T0), T0)).hasValue(seconds(8));
    }

    @Test
    void aLockEndsOnItsOwn() {
        LoginPenalty.Failures locked = fail(5, T0);

        assertThat(penalty.refusal(locked, T0.plusMillis(1500))).hasValue(java.time.Duration.ofMillis(500));
        assertThat(penalty.refusal(locked, T0.plusSeconds(2))).isEmpty();
    }

    @Test
    void oneFailureIsForgivenPerIntervalWithoutFailures() {
        LoginPenalty.Failures five = fail(5, T0);

        // two minutes later three are left, so the next failure is the fourth: the first lock again
        LoginPenalty.Failures next = penalty.afterFailure(five, T0.plusSeconds(120));
        assertThat(next.count()).isEqualTo(4);
        assertThat(penalty.refusal(next, T0.plusSeconds(120))).hasValue(seconds(1));
        // after long enough everything is forgiven
        assertThat(penalty.afterFailure(five, T0.plusSeconds(3600)).count()).isEqualTo(1);
    }

    @Test
    void aRecordIsForgottenOnceItsLockIsOverAndEveryFailureForgiven() {
        assertThat(penalty.forgottenAt(fail(2, T0))).isEqualTo(T0.plusSeconds(120));
        LoginPenalty.Failures longLock = new LoginPenalty(0, Duration.hours(1), Duration.hours(2), Duration.seconds(1))
                .afterFailure(null, T0);
        assertThat(new LoginPenalty(0, Duration.hours(1), Duration.hours(2), Duration.seconds(1)).forgottenAt(longLock))
                .isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void aHugeCapDoesNotOverflow() {
        var uncapped = new LoginPenalty(0, Duration.seconds(1), Duration.days(10_000), Duration.minutes(1));
        LoginPenalty.Failures failures = null;
        for (int i = 0; i < 100; i++) {
            failures = uncapped.afterFailure(failures, T0);
        }
        assertThat(uncapped.refusal(failures, T0)).hasValue(java.time.Duration.ofDays(10_000));
    }
}
