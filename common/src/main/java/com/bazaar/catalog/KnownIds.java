package com.bazaar.catalog;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * Which store (or product) ids exist. Stores and products are never deleted, so an id seen once is
 * remembered for good and only unknown ids cost a database lookup.
 */
public final class KnownIds {
    private final Set<Long> known = ConcurrentHashMap.newKeySet();
    private final LongPredicate exists;

    public KnownIds(LongPredicate exists) {
        this.exists = exists;
    }

    public boolean contains(long id) {
        if (known.contains(id)) {
            return true;
        }
        if (exists.test(id)) {
            known.add(id);
            return true;
        }
        return false;
    }
}
