package com.bazaar.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The events a subscription may ask for, each read from the change feed. {@code slot} orders the events one feed
 * entry can give (see {@link WebhookSequence}); {@code movement.rejected} is not offered: a rejected movement makes no
 * feed entry, and no other record of it is ordered by commit.
 */
public enum WebhookEvent {
    /** Every change feed entry (of the subscription's store, if it names one). */
    INVENTORY_CHANGED("inventory.changed", 0),
    /** A feed entry of type {@code expire}: a hold ended at its expiresAt. */
    RESERVATION_EXPIRED("reservation.expired", 1),
    /** A feed entry whose movement took the level from above its threshold to at or under it. */
    STOCK_LOW("stock.low", 2);

    private final String wireName;
    private final int slot;

    WebhookEvent(String wireName, int slot) {
        this.wireName = wireName;
        this.slot = slot;
    }

    public int slot() {
        return slot;
    }

    @JsonValue
    @Override
    public String toString() {
        return wireName;
    }

    public static Optional<WebhookEvent> byWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }

    /** The names, for messages: {@code inventory.changed, reservation.expired, stock.low}. */
    public static String names() {
        return Arrays.stream(values()).map(WebhookEvent::toString).collect(Collectors.joining(", "));
    }
}
