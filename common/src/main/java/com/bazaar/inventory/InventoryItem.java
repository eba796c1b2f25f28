package com.bazaar.inventory;

/**
 * One line of a store's inventory as the API shows it.
 *
 * @param lowStockThreshold null when none is set
 * @param lowStock          at or under the threshold (the reads compute it in SQL, where the partial index
 *                          {@code inventory_levels_low_stock_idx} has the same predicate; see {@link LowStock})
 */
public record InventoryItem(long productId, String productName, long currentQuantity, Integer lowStockThreshold,
                            boolean lowStock) {
}
