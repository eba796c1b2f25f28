package com.bazaar.worker.backlog;

import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The {@code worker.backlog} block of config.yml: how often queue depths are read, and how old a backlog may get. */
public class BacklogConfiguration {
    /** How often the queue and dead-letter queue depths are read (GetQueueAttributes); never per scrape. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration refreshInterval = Duration.seconds(10);

    /** The backlog health check fails when the oldest waiting message is older than this. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration maxAge = Duration.minutes(5);

    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }
}
