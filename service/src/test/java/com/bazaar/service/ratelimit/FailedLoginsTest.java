package com.bazaar.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Which keys a failed login counts against and which locks refuse the next one, on a fake clock: (address, name)
 * locked after 3 free failures, a name after 4, an address alone after 10 (the penalties are {@link LoginPenaltyTest}'s).
 */
class FailedLoginsTest {
    static final String STORE = "198.51.100.1";
    final FakeClock clock = new FakeClock(Instant.parse("2026-11-25T10:00:00Z"));
    final FailedLogins logins = new FailedLogins(
            new LoginPenalty(3, Duration.seconds(1), Duration.seconds(60), Duration.minutes(1)),
            new LoginPenalty(4, Duration.seconds(10), Duration.seconds(60), Duration.minutes(1)),
            new LoginPenalty(10, Duration.seconds(1), Duration.seconds(60), Duration.seconds(6)), 1000, clock);

    /** One register's wrong passwords, as fast as the throttle lets them reach the password check, for an hour. */
    @Test
    void oneUsersBurstOfWrongPasswordsNeverLocksOutAnotherUserBehindTheSameAddress() {
        for (int second = 0; second < 3600; second++) {
            if (logins.refusal("register-1", STORE).isEmpty()) {
                logins.failed("register-1", STORE);
            }
            assertThat(logins.refusal("register-2", STORE)).as("register-2 at second %d", second).isEmpty();
            clock.advance(java.time.Duration.ofSeconds(1));
        }
        assertThat(logins.refusal("register-1", STORE)).as("register-1 itself stays locked").isPresent();
    }

    @Test
    void theLockOfAUserAtOneAddressIsThatPairsAloneUntilTheNameIsLocked() {
        for (int i = 0; i < 4; i++) {
            logins.failed("ann", STORE);
        }

        assertThat(logins.refusal("ann", STORE)).hasValue(java.time.Duration.ofSeconds(1));
        assertThat(logins.refusal("ann", "203.0.113.9")).as("the name is not locked yet").isEmpty();
        assertThat(logins.refusal("bob", STORE)).isEmpty();
    }

    @Test
    void manyClientsGuessingOneNameLockTheNameWithTheLongerLock() {
        for (int i = 1; i <= 5; i++) {
            logins.failed("ann", "198.51.100." + i);
        }

        assertThat(logins.refusal("ann", "203.0.113.9")).hasValue(java.time.Duration.ofSeconds(10));
        assertThat(logins.refusal("bob", "203.0.113.9")).isEmpty();
        assertThat(logins.refusal(null, "203.0.113.9")).isEmpty();
    }

    @Test
    void oneClientTryingManyNamesIsLockedByItsAddressOnlyAtTheFarHigherCount() {
        for (int i = 1; i <= 10; i++) {
            logins.failed("name-" + i, STORE);
        }
        assertThat(logins.refusal("someone", STORE)).isEmpty();

        FailedLogins.Penalty eleventh = logins.failed("name-11", STORE);

        assertThat(eleventh.lock()).hasValue(java.time.Duration.ofSeconds(1));
        assertThat(logins.refusal("someone", STORE)).isPresent();
        assertThat(logins.refusal("someone", "198.51.100.2")).isEmpty();
    }

    @Test
    void unreadableCredentialsCountAgainstTheClientOnly() {
        for (int i = 0; i < 10; i++) {
            logins.failed(null, "198.51.100.7");
        }
        assertThat(logins.failed(null, "198.51.100.7").lock()).isPresent();
        assertThat(logins.refusal("ann", "198.51.100.8")).isEmpty();
    }

    @Test
    void aCorrectPasswordForgivesTheNameButNotTheClientNorThePair() {
        for (int i = 0; i < 5; i++) {
            logins.failed("ann", "198.51.100." + (10 + i));
        }
        for (int i = 0; i < 4; i++) {
            logins.failed("bob", "198.51.100.9");
        }

        logins.succeeded("ann");
        logins.succeeded("bob");

        assertThat(logins.refusal("ann", "203.0.113.10")).isEmpty();
        assertThat(logins.refusal("bob", "198.51.100.9")).isPresent();
    }
}
