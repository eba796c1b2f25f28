package com.bazaar.service;

import com.bazaar.config.BazaarConfiguration;
import com.bazaar.service.ratelimit.RateLimitConfiguration;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The service's view of config.yml: the shared blocks plus its own; the worker's block is not its concern. */
@JsonIgnoreProperties({"worker"})
public class ServiceConfiguration extends BazaarConfiguration {
    @Valid
    @NotNull
    private RateLimitConfiguration rateLimit = new RateLimitConfiguration();

    public RateLimitConfiguration getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(RateLimitConfiguration rateLimit) {
        this.rateLimit = rateLimit;
    }
}
