package com.bazaar.service;

import com.bazaar.config.BazaarConfiguration;
import com.bazaar.service.catalog.CatalogCacheConfiguration;
import com.bazaar.service.http.RequestLimits;
import com.bazaar.service.http.TlsConfiguration;
import com.bazaar.service.ratelimit.RateLimitConfiguration;
import com.bazaar.service.replica.ReadDatabaseConfiguration;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The service's view of config.yml: the shared blocks plus its own; the worker's block is not its concern. */
@JsonIgnoreProperties({"worker"})
public class ServiceConfiguration extends BazaarConfiguration {
    @Valid
    @NotNull
    private RateLimitConfiguration rateLimit = new RateLimitConfiguration();

    @Valid
    @NotNull
    private TlsConfiguration tls = new TlsConfiguration();

    @Valid
    @NotNull
    private RequestLimits requestLimits = new RequestLimits();

    @Valid
    @NotNull
    private ReadDatabaseConfiguration readDatabase = new ReadDatabaseConfiguration();

    public ReadDatabaseConfiguration getReadDatabase() {
        return readDatabase;
    }

    public void setReadDatabase(ReadDatabaseConfiguration readDatabase) {
        this.readDatabase = readDatabase;
    }

    /** The store of {@code POST /stock-movements}; null: the store with the lowest id. */
    @Min(1)
    private Long defaultStoreId;

    public Long getDefaultStoreId() {
        return defaultStoreId;
    }

    public void setDefaultStoreId(Long defaultStoreId) {
        this.defaultStoreId = defaultStoreId;
    }

    @Valid
    @NotNull
    private CatalogCacheConfiguration catalogCache = new CatalogCacheConfiguration();

    public CatalogCacheConfiguration getCatalogCache() {
        return catalogCache;
    }

    public void setCatalogCache(CatalogCacheConfiguration catalogCache) {
        this.catalogCache = catalogCache;
    }

    public TlsConfiguration getTls() {
        return tls;
    }

    public void setTls(TlsConfiguration tls) {
        this.tls = tls;
    }

    public RequestLimits getRequestLimits() {
        return requestLimits;
    }

    public void setRequestLimits(RequestLimits requestLimits) {
        this.requestLimits = requestLimits;
    }

    public RateLimitConfiguration getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(RateLimitConfiguration rateLimit) {
        this.rateLimit = rateLimit;
    }
}
