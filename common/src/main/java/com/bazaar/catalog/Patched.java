package com.bazaar.catalog;

/**
 * What a PATCH of a product or store came to. The service decides it from the row as locked (pure: see its
 * {@code CatalogPatches}); the DAO only writes a {@link Changed}.
 */
public sealed interface Patched<T> {
    record Missing<T>() implements Patched<T> {
    }

    /** {@code If-Match} named another version: nothing written. */
    record PreconditionFailed<T>(T current) implements Patched<T> {
    }

    /** The body asked for the values the row already has: nothing written, the version stays. */
    record Unchanged<T>(T current) implements Patched<T> {
    }

    record Changed<T>(T before, T after) implements Patched<T> {
    }
}
