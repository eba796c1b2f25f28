package com.bazaar.worker.webhook;

import com.bazaar.feed.ChangeType;
import com.bazaar.feed.InventoryChange;
import com.bazaar.webhook.WebhookEvent;
import com.bazaar.webhook.WebhookSequence;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The events a subscription gets from feed entries, in sequence order, each with an id derived from the subscription
 * and its sequence alone (a name-based UUID): the same event keeps its id on every redelivery, from any worker.
 */
public final class SubscriptionEvents {
    private SubscriptionEvents() {
    }

    public static UUID eventId(UUID subscription, long sequence) {
        return UUID.nameUUIDFromBytes(("bazaar-webhook:" + subscription + ":" + sequence).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The events of {@code entries} (of the subscription's store already, in feed order) that a subscription to
     * {@code events} has not yet delivered or passed over: those whose sequence is after {@code position}.
     */
    public static List<WebhookEventBody> after(UUID subscription, Set<WebhookEvent> events, long position, List<FeedEntry> entries) {
        List<WebhookEventBody> due = new ArrayList<>();
        for (FeedEntry entry : entries) {
            InventoryChange change = entry.change();
            for (WebhookEvent event : WebhookEvent.values()) {
                long sequence = WebhookSequence.of(change.seq(), event);
                if (sequence <= position || !events.contains(event)) {
                    continue;
                }
                Object data = data(event, entry);
                if (data != null) {
                    due.add(new WebhookEventBody(eventId(subscription, sequence), event, sequence, change.appliedAt(), data));
                }
            }
        }
        return due;
    }

    /** The event's data from the entry, or null when the entry is not such an event. */
    private static Object data(WebhookEvent event, FeedEntry entry) {
        InventoryChange c = entry.change();
        return switch (event) {
            case INVENTORY_CHANGED -> c;
            case RESERVATION_EXPIRED -> c.type() != ChangeType.EXPIRE ? null : new EventData.ReservationExpired(c.movementId(),
                    c.storeId(), c.productId(), -c.reservedDelta(), c.reservedQuantity(), c.availableQuantity(), c.appliedAt());
            case STOCK_LOW -> entry.lowStockThreshold() == null ? null : new EventData.StockLow(c.storeId(), c.productId(),
                    c.quantity(), entry.lowStockThreshold(), c.movementId(), c.appliedAt());
        };
    }
}
