package com.bazaar.service.tier;

import com.bazaar.catalog.KnownIds;
import com.bazaar.service.catalog.CatalogIds;
import java.util.Set;

/** The catalog ids of the resource tier: stores 1 and 2, products 1 and 2; every other id is unknown. */
public final class Catalog {
    public static final long STORE = 1;
    public static final long OTHER_STORE = 2;
    public static final long PRODUCT = 1;
    public static final long MISSING = 999_999_999L;
    private static final Set<Long> IDS = Set.of(1L, 2L);

    private Catalog() {
    }

    public static CatalogIds ids() {
        return new CatalogIds(new KnownIds(IDS::contains), new KnownIds(IDS::contains));
    }
}
