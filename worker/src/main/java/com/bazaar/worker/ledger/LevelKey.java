package com.bazaar.worker.ledger;

import com.bazaar.movement.Movement;

/** One inventory level: a store's stock of a product. Ordered as the levels are locked, by store then product. */
public record LevelKey(long storeId, long productId) implements Comparable<LevelKey> {

    public static LevelKey of(Movement movement) {
        return new LevelKey(movement.storeId(), movement.productId());
    }

    @Override
    public int compareTo(LevelKey other) {
        int byStore = Long.compare(storeId, other.storeId);
        return byStore != 0 ? byStore : Long.compare(productId, other.productId);
    }
}
