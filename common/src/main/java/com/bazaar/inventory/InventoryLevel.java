package com.bazaar.inventory;

/**
 * The stock of one product in one store: the sum of the deltas of its applied movements.
 *
 * @param lowStockThreshold null when none is set
 */
public record InventoryLevel(long storeId, long productId, long quantity, Integer lowStockThreshold) {
}
