package com.bazaar.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.json.StrictJson;
import com.bazaar.service.tier.ResourceTier;
import com.codahale.metrics.Meter;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.util.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failed logins refused with a 429 before their password is checked, and let in again once the lock ends, on a fake
 * clock. Behind the filter the application answers 401 (a wrong password) or 200; the penalties themselves are
 * {@link LoginPenaltyTest}'s.
 */
class LoginThrottleFilterTest {
    static final String CLIENT = "198.51.100.1";
    static final String WRONG = ResourceTier.basic("ann", "guess");
    final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T09:00:00Z"));
    final Meter throttled = new Meter();
    final LoginThrottleFilter filter = new LoginThrottleFilter(new FailedLogins(
            new LoginPenalty(2, Duration.seconds(2), Duration.minutes(1), Duration.minutes(1)),
            new LoginPenalty(100, Duration.seconds(1), Duration.minutes(1), Duration.minutes(1)),
            new LoginPenalty(100, Duration.seconds(1), Duration.minutes(1), Duration.minutes(1)), 1000, clock),
            new ClientAddress(List.of()), StrictJson.configure(Jackson.newObjectMapper()), throttled);

    FilterExchange login(String authorization, int answer) throws Exception {
        return FilterExchange.through(filter, CLIENT, authorization, answer);
    }

    @Test
    void wrongPasswordsPastTheFreeOnesAre429WithRetryAfterBeforeThePasswordIsChecked() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(login(WRONG, 401).passedOn()).as("failure %d reaches the password check", i + 1).isTrue();
        }

        FilterExchange refused = login(WRONG, 401);

        assertThat(refused.passedOn()).isFalse();
        assertThat(refused.response.getStatus()).isEqualTo(429);
        assertThat(refused.response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(refused.response.getContentType()).isEqualTo("application/json");
        assertThat(refused.response.body()).isEqualTo("{\"code\":429,\"message\":"
                + "\"Too many failed logins for this user or from this address; retry after 2 s\"}");
        assertThat(throttled.getCount()).isEqualTo(1);
    }

    @Test
    void theLockEndsWithTimeAndTheNextFailureDoublesIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            login(WRONG, 401);
        }
        clock.advance(java.time.Duration.ofMillis(1999));
        assertThat(login(WRONG, 401).response.getStatus()).isEqualTo(429);

        clock.advance(java.time.Duration.ofMillis(1));
        assertThat(login(WRONG, 401).passedOn()).as("the lock has ended").isTrue();

        FilterExchange again = login(ResourceTier.basic("ann", "right"), 200);
        assertThat(again.passedOn()).as("locked again, for longer: even the right password waits").isFalse();
        assertThat(again.response.getHeader("Retry-After")).isEqualTo("4");
    }

    @Test
    void aRequestWithoutCredentialsIsNotALoginAndIsNeverThrottled() throws Exception {
        for (int i = 0; i < 4; i++) {
            login(WRONG, 401);
        }

        FilterExchange anonymous = login(null, 401);

        assertThat(anonymous.passedOn()).isTrue();
        assertThat(anonymous.response.getStatus()).isEqualTo(401);
    }

    @Test
    void anotherUserFromTheSameAddressIsNotLockedByAnnsFailures() throws Exception {
        for (int i = 0; i < 4; i++) {
            login(WRONG, 401);
        }

        assertThat(login(ResourceTier.basic("bob", "right"), 200).passedOn()).isTrue();
    }
}
