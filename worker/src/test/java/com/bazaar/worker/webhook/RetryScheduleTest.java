package com.bazaar.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    static final RetrySchedule CONTRACT = new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(24));
    static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void waitsOneSecondThenDoublingUpToTenMinutes() {
        assertThat(CONTRACT.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(CONTRACT.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(CONTRACT.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(CONTRACT.delay(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(CONTRACT.delay(11)).isEqualTo(Duration.ofMinutes(10));
        assertThat(CONTRACT.delay(1_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void retriesFromTheTimeOfTheFailure() {
        Instant now = START.plusSeconds(30);

        assertThat(CONTRACT.afterFailure(3, START, now)).isEqualTo(new RetrySchedule.Retry(now.plusSeconds(4)));
    }

    @Test
    void givesUpOnce24HoursHavePassedSinceTheFirstFailure() {
        assertThat(CONTRACT.afterFailure(150, START, START.plus(Duration.ofHours(24)).minusMillis(1)))
                .isInstanceOf(RetrySchedule.Retry.class);
        assertThat(CONTRACT.afterFailure(150, START, START.plus(Duration.ofHours(24)))).isEqualTo(new RetrySchedule.GiveUp());
    }

    @Test
    void aDayOfFailuresIsAboutOneHundredAndFiftyTries() {
        Instant now = START;
        int attempts = 0;
        while (CONTRACT.afterFailure(++attempts, START, now) instanceof RetrySchedule.Retry retry) {
            now = retry.at();
        }
        assertThat(attempts).isBetween(150, 155);
    }
}
