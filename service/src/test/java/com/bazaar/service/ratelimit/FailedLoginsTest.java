package com.bazaar.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {
    final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    final FailedLogins logins = new FailedLogins(
            new LoginPenalty(3, Duration.seconds(10), Duration.seconds(60), Duration.minutes(1)),
            new LoginPenalty(2, Duration.seconds(1), Duration.seconds(60), Duration.minutes(1)), 1000, clock);

    @Test
    void oneClientGuessingManyNamesIsLockedByItsAddress() {
        logins.failed("a", "198.51.100.1");
        logins.failed("b", "198.51.100.1");
        FailedLogins.Penalty third = logins.failed("c", "198.51.100.1");

        assertThat(third.lock()).hasValue(java.time.Duration.ofSeconds(1));
        assertThat(logins.refusal("d", "198.51.100.1")).isPresent();
        assertThat(logins.refusal("a", "198.51.100.2")).isEmpty();
    }

    @Test
    void manyClientsGuessingOneNameLockTheNameWithTheLongerLock() {
        for (int i = 1; i <= 4; i++) {
            logins.failed("ann", "198.51.100." + i);
        }

        assertThat(logins.refusal("ann", "203.0.113.9")).hasValue(java.time.Duration.ofSeconds(10));
        assertThat(logins.refusal("bob", "203.0.113.9")).isEmpty();
        assertThat(logins.refusal(null, "203.0.113.9")).isEmpty();
    }

    @Test
    void unreadableCredentialsCountAgainstTheClientOnly() {
        logins.failed(null, "198.51.100.7");
        logins.failed(null, "198.51.100.7");
        assertThat(logins.failed(null, "198.51.100.7").lock()).isPresent();
        assertThat(logins.refusal("ann", "198.51.100.8")).isEmpty();
    }

    @Test
    void aCorrectPasswordForgivesTheNameButNotTheClient() {
        for (int i = 0; i < 4; i++) {
            logins.failed("ann", "198.51.100.9");
        }

        logins.succeeded("ann");

        assertThat(logins.refusal("ann", "203.0.113.10")).isEmpty();
        assertThat(logins.refusal("ann", "198.51.100.9")).isPresent();
    }
}
