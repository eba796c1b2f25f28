package com.bazaar.service.catalog;

import com.bazaar.catalog.KnownIds;
import com.bazaar.catalog.Missing;
import jakarta.ws.rs.NotFoundException;

/** The request path's existence checks: a 404 in the catalog's words for a store or product id that does not exist. */
public record CatalogIds(KnownIds stores, KnownIds products) {
    public void requireStore(long storeId) {
        if (!stores.contains(storeId)) {
            throw new NotFoundException(Missing.store(storeId));
        }
    }

    public void requireProduct(long productId) {
        if (!products.contains(productId)) {
            throw new NotFoundException(Missing.product(productId));
        }
    }
}
