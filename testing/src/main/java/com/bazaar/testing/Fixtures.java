package com.bazaar.testing;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores and products written straight to the database, for tests that need them without going through the
 * API (a worker test, a trigger keyed on the store): each with a name of its own, so tests sharing a database never
 * collide.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** @return the new store's id */
    public static long store(Jdbi db, String name) {
        return db.withHandle(h -> h.createQuery("INSERT INTO stores (name) VALUES (:name) RETURNING id")
                .bind("name", name + " " + UUID.randomUUID()).mapTo(Long.class).one());
    }

    /** @return the new product's id */
    public static long product(Jdbi db, String name) {
        return db.withHandle(h -> h.createQuery("INSERT INTO products (name) VALUES (:name) RETURNING id")
                .bind("name", name + " " + UUID.randomUUID()).mapTo(Long.class).one());
    }
}
