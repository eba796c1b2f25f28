package com.bazaar.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.json.StrictJson;
import com.codahale.metrics.Meter;
import io.dropwizard.jackson.Jackson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token bucket per client address, on a fake clock: the burst, the 429 and the refill, without waiting. */
class RateLimitFilterTest {
    static final String CLIENT = "198.51.100.1";
    final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T09:00:00Z"));
    final Meter limited = new Meter();
    final RateLimitFilter filter = new RateLimitFilter(limits(3, 1), new ClientAddress(List.of()), clock,
            StrictJson.configure(Jackson.newObjectMapper()), limited);

    static RateLimitConfiguration limits(long burst, long requestsPerSecond) {
        var limits = new RateLimitConfiguration();
        limits.setBurst(burst);
        limits.setRequestsPerSecond(requestsPerSecond);
        return limits;
    }

    FilterExchange request(String client) throws Exception {
        return FilterExchange.through(filter, client, null, 200);
    }

    @Test
    void eachAnswerSaysTheLimitWhatIsLeftAndWhenTheBucketIsFull() throws Exception {
        FilterExchange first = request(CLIENT);
        FilterExchange second = request(CLIENT);

        assertThat(first.passedOn()).isTrue();
        assertThat(first.response.getHeader("RateLimit-Limit")).isEqualTo("3");
        assertThat(first.response.getHeader("RateLimit-Remaining")).isEqualTo("2");
        assertThat(first.response.getHeader("RateLimit-Reset")).isEqualTo("1");
        assertThat(second.response.getHeader("RateLimit-Remaining")).isEqualTo("1");
        assertThat(second.response.getHeader("RateLimit-Reset")).isEqualTo("2");
    }

    @Test
    void aSpentBurstIs429WithRetryAfterInTheErrorShapeAndNothingPassesOn() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(request(CLIENT).passedOn()).isTrue();
        }

        FilterExchange refused = request(CLIENT);

        assertThat(refused.passedOn()).isFalse();
        assertThat(refused.response.getStatus()).isEqualTo(429);
        assertThat(refused.response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.response.getHeader("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.response.getContentType()).isEqualTo("application/json");
        assertThat(refused.response.body())
                .isEqualTo("{\"code\":429,\"message\":\"Too many requests from this address; retry after 1 s\"}");
        assertThat(limited.getCount()).isEqualTo(1);
    }

    @Test
    void theBucketRefillsAsTheClockMoves() throws Exception {
        for (int i = 0; i < 3; i++) {
            request(CLIENT);
        }
        clock.advance(Duration.ofMillis(999));
        assertThat(request(CLIENT).response.getStatus()).isEqualTo(429);

        clock.advance(Duration.ofMillis(1));
        assertThat(request(CLIENT).passedOn()).as("one token a second").isTrue();
        assertThat(request(CLIENT).passedOn()).isFalse();

        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            assertThat(request(CLIENT).passedOn()).as("the whole burst again, not more").isTrue();
        }
        assertThat(request(CLIENT).passedOn()).isFalse();
    }

    @Test
    void anotherAddressHasABucketOfItsOwn() throws Exception {
        for (int i = 0; i < 4; i++) {
            request(CLIENT);
        }

        FilterExchange other = request("198.51.100.2");

        assertThat(other.passedOn()).isTrue();
        assertThat(other.response.getHeader("RateLimit-Remaining")).isEqualTo("2");
    }
}
