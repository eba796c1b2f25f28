package com.bazaar.inventory;

/**
 * The stock of one product in one store: the sum of the deltas of its applied movements.
 *
 * @param reserved          the sum of its active holds
 * @param version           how many changes it has had (each one a row of the change feed)
 * @param lowStockThreshold null when none is set
 */
public record InventoryLevel(long storeId, long productId, long quantity, long reserved, long version,
                             Integer lowStockThreshold) {
}
