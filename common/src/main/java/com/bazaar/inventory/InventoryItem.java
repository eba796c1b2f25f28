package com.bazaar.inventory;

/** One line of a store's inventory as the API shows it. */
public record InventoryItem(long productId, String productName, long currentQuantity) {
}
