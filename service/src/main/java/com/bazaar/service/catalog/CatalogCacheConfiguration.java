package com.bazaar.service.catalog;

import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The {@code catalogCache} block: how long and how many product and store details each service instance keeps. */
public class CatalogCacheConfiguration {
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS)
    private Duration ttl = Duration.minutes(5);

    @Min(0)
    private long maximumSize = 100_000;

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public long getMaximumSize() {
        return maximumSize;
    }

    public void setMaximumSize(long maximumSize) {
        this.maximumSize = maximumSize;
    }
}
