package com.bazaar.service.catalog;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * Cache-aside for one kind of catalog entry by id, with a time to live. Ids that do not exist are not cached (a
 * product created a moment later must be found). While {@code trusted} is false (no invalidation can reach this
 * instance) it is bypassed: every read goes to the database.
 */
public final class DetailsCache<T> {
    private final Cache<Long, T> cache;
    private final BooleanSupplier trusted;
    private final Meter hits;
    private final Meter misses;

    public DetailsCache(CatalogCacheConfiguration configuration, BooleanSupplier trusted, MetricRegistry metrics, String name) {
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(configuration.getTtl().toJavaDuration())
                .maximumSize(configuration.getMaximumSize())
                .build();
        this.trusted = trusted;
        this.hits = metrics.meter("bazaar.service.cache." + name + ".hits");
        this.misses = metrics.meter("bazaar.service.cache." + name + ".misses");
    }

    public Optional<T> get(long id, LongFunction<Optional<T>> load) {
        if (!trusted.getAsBoolean()) {
            misses.mark();
            return load.apply(id);
        }
        boolean[] loaded = {false};
        // Caffeine makes an invalidate of this id wait for a load in flight and then drop its result, so a
        // NOTIFY that arrives while an older row is being read cannot leave that row cached.
        T value = cache.get(id, key -> {
            loaded[0] = true;
            return load.apply(key).orElse(null);
        });
        (loaded[0] ? misses : hits).mark();
        return Optional.ofNullable(value);
    }

    public void invalidate(long id) {
        cache.invalidate(id);
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }
}
