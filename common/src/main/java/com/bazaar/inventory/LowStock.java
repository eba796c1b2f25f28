package com.bazaar.inventory;

/** When a level is low: at or under its threshold. The reads say the same in SQL ({@link InventoryDao}). */
public final class LowStock {
    private LowStock() {
    }

    public static boolean isLow(long quantity, Integer threshold) {
        return threshold != null && quantity <= threshold;
    }

    /** A change from {@code before} to {@code after} that makes the level low: the moment to tell someone. */
    public static boolean reached(long before, long after, Integer threshold) {
        return !isLow(before, threshold) && isLow(after, threshold);
    }
}
