package com.bazaar.service.ratelimit;

import com.codahale.metrics.Meter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bucket4j token buckets per client IP, in front of everything on the application port (so failed logins
 * count too). Each answer carries {@code RateLimit-Limit}, {@code -Remaining} and {@code -Reset} (seconds
 * until the bucket is full again); a refused request gets 429 with {@code Retry-After}. The buckets live
 * in this process: the limit holds per instance.
 */
public class RateLimitFilter implements Filter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RateLimitConfiguration config;
    private final ClientAddress clients;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;
    private final ObjectMapper json;
    private final Meter limited;

    public RateLimitFilter(RateLimitConfiguration config, ClientAddress clients, Clock clock, ObjectMapper json,
                           Meter limited) {
        this.config = config;
        this.clients = clients;
        this.time = new ClockTime(clock);
        this.buckets = Caffeine.newBuilder().maximumSize(config.getMaxClients())
                .expireAfterAccess(Duration.ofMinutes(10)).build();
        this.json = json;
        this.limited = limited;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        Bucket bucket = buckets.get(clients.of((HttpServletRequest) request), ip -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        http.setHeader("RateLimit-Limit", String.valueOf(config.getBurst()));
        http.setHeader("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        long missing = config.getBurst() - probe.getRemainingTokens();
        http.setHeader("RateLimit-Reset", String.valueOf(ceilDiv(missing, config.getRequestsPerSecond())));
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        limited.mark();
        long retryAfter = Math.max(1, ceilDiv(probe.getNanosToWaitForRefill(), NANOS_PER_SECOND));
        TooManyRequests.answer(http, json, retryAfter, "Too many requests from this address; retry after " + retryAfter + " s");
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(config.getBurst())
                .refillGreedy(config.getRequestsPerSecond(), Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(time).build();
    }

    /** The buckets' time from the application's clock, in milliseconds as bucket4j's default system clock. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return TimeUnit.MILLISECONDS.toNanos(clock.millis());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
