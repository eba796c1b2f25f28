package com.bazaar.service.catalog;

import com.bazaar.catalog.Patched;

/** What a PATCH does to the row it locked, decided without I/O. */
public final class CatalogPatches {
    private CatalogPatches() {
    }

    /**
     * @param current the row as locked
     * @param merged  the row with the body's fields applied ({@code current} with new values)
     */
    public static <T> Patched<T> decide(String ifMatch, T current, long currentVersion, T merged) {
        if (!EntityTags.ifMatch(ifMatch, EntityTags.of(currentVersion))) {
            return new Patched.PreconditionFailed<>(current);
        }
        if (merged.equals(current)) {
            return new Patched.Unchanged<>(current);
        }
        return new Patched.Changed<>(current, merged);
    }
}
