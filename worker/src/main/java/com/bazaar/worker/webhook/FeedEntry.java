package com.bazaar.worker.webhook;

import com.bazaar.feed.InventoryChange;

/**
 * A change feed entry as the dispatcher reads it.
 *
 * @param lowStockThreshold the threshold the change's movement reached (its LOW_STOCK_REACHED audit row, written in
 *                          the same transaction), or null
 */
public record FeedEntry(InventoryChange change, Integer lowStockThreshold) {
}
