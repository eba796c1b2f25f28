package com.bazaar.service.ratelimit;

import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The {@code rateLimit} block: one token bucket per client IP on the application port, and the failed-login penalties. */
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

    /**
     * Failed logins per (client address, user name): a guessing loop for one name from one place is refused within a
     * handful of tries, while another user behind the same address (a store's other registers) logs in as before.
     */
    @Valid
    @NotNull
    private LoginPenalty failedLoginsPerClientAndUser = new LoginPenalty(5, Duration.seconds(1), Duration.minutes(5), Duration.minutes(1));

    /** Failed logins per user name, from anywhere: a shorter cap, since the real user is locked out with the attacker. */
    @Valid
    @NotNull
    private LoginPenalty failedLoginsPerUser = new LoginPenalty(10, Duration.seconds(1), Duration.minutes(1), Duration.minutes(1));

    /**
     * Failed logins per client address alone, whatever the names: only a client trying many names reaches it. Far
     * higher than the others, and quickly forgiven, since every user behind a shared address counts here.
     */
    @Valid
    @NotNull
    private LoginPenalty failedLoginsPerClient = new LoginPenalty(100, Duration.seconds(1), Duration.minutes(5), Duration.seconds(6));

    public LoginPenalty getFailedLoginsPerClientAndUser() {
        return failedLoginsPerClientAndUser;
    }

    public void setFailedLoginsPerClientAndUser(LoginPenalty failedLoginsPerClientAndUser) {
        this.failedLoginsPerClientAndUser = failedLoginsPerClientAndUser;
    }

    public LoginPenalty getFailedLoginsPerClient() {
        return failedLoginsPerClient;
    }

    public void setFailedLoginsPerClient(LoginPenalty failedLoginsPerClient) {
        this.failedLoginsPerClient = failedLoginsPerClient;
    }

    public LoginPenalty getFailedLoginsPerUser() {
        return failedLoginsPerUser;
    }

    public void setFailedLoginsPerUser(LoginPenalty failedLoginsPerUser) {
        this.failedLoginsPerUser = failedLoginsPerUser;
    }

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
