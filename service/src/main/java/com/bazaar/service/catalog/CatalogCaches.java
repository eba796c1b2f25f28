package com.bazaar.service.catalog;

import com.bazaar.catalog.Product;
import com.bazaar.catalog.Store;
import com.codahale.metrics.MetricRegistry;

/**
 * This instance's cached product and store details, kept only while {@link CatalogChangeListener} listens: without
 * it an update made through another instance could not reach them, so they are emptied and bypassed until it
 * listens again.
 */
public final class CatalogCaches {
    private volatile boolean listening;
    private final DetailsCache<Product> products;
    private final DetailsCache<Store> stores;

    public CatalogCaches(CatalogCacheConfiguration configuration, MetricRegistry metrics) {
        this.products = new DetailsCache<>(configuration, () -> listening, metrics, "products");
        this.stores = new DetailsCache<>(configuration, () -> listening, metrics, "stores");
    }

    public DetailsCache<Product> products() {
        return products;
    }

    public DetailsCache<Store> stores() {
        return stores;
    }

    void changed(CatalogChange change) {
        switch (change.table()) {
            case PRODUCTS -> products.invalidate(change.id());
            case STORES -> stores.invalidate(change.id());
        }
    }

    /** Notifications may be missed from now on. */
    void stopTrusting() {
        listening = false;
        products.invalidateAll();
        stores.invalidateAll();
    }

    /** Listening (again): what was cached before may have missed notifications. */
    void startTrusting() {
        products.invalidateAll();
        stores.invalidateAll();
        listening = true;
    }
}
