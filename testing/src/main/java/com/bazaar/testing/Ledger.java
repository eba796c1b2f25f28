package com.bazaar.testing;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** What the worker wrote, read straight from the database: for tests that check a movement landed once. */
public final class Ledger {
    private Ledger() {
    }

    /** A level's quantity; 0 where the level has no row yet. */
    public static long level(Jdbi db, long store, long product) {
        return db.withHandle(h -> h.createQuery("SELECT quantity FROM inventory_levels WHERE store_id = :s AND product_id = :p")
                .bind("s", store).bind("p", product).mapTo(Long.class).findOne().orElse(0L));
    }

    /** The ledger rows of one movement id: 1 once applied (or rejected), however often it was delivered. */
    public static long rows(Jdbi db, UUID movementId) {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM stock_movements WHERE movement_id = :id")
                .bind("id", movementId).mapTo(Long.class).one());
    }
}
