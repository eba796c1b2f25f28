package com.bazaar.service.ratelimit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The {@code rateLimit} block: one token bucket per client IP on the application port. */
public class RateLimitConfiguration {
    /** Tokens added per second: the sustained request rate a client may keep up. */
    @Min(1)
    private long requestsPerSecond = 100;

    /** The bucket's size: how many requests a client may make at once after a quiet spell. */
    @Min(1)
    private long burst = 200;

    /** Addresses of load balancers whose X-Forwarded-For is believed; from anyone else it is ignored. */
    @NotNull
    private List<String> trustedProxies = List.of();

    /** Client buckets kept in memory; idle ones are dropped after ten minutes. */
    @Min(1000)
    @Max(10_000_000)
    private long maxClients = 100_000;

    public long getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public void setRequestsPerSecond(long requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    public long getBurst() {
        return burst;
    }

    public void setBurst(long burst) {
        this.burst = burst;
    }

    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public long getMaxClients() {
        return maxClients;
    }

    public void setMaxClients(long maxClients) {
        this.maxClients = maxClients;
    }
}
