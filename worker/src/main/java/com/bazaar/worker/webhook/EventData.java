package com.bazaar.worker.webhook;

import java.time.Instant;
import java.util.UUID;

/** The {@code data} of the events that are not a feed entry as it stands (inventory.changed sends the entry). */
public final class EventData {
    private EventData() {
    }

    /** A hold ended at its expiresAt: {@code quantity} is what it held, returned to available. */
    public record ReservationExpired(UUID reservationId, long storeId, long productId, long quantity, long reservedQuantity,
                                     long availableQuantity, Instant expiredAt) {
    }

    /** A movement took the level from above its threshold to at or under it. */
    public record StockLow(long storeId, long productId, long quantity, int lowStockThreshold, UUID movementId,
                           Instant reachedAt) {
    }
}
