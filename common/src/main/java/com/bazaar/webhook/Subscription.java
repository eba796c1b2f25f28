package com.bazaar.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A webhook subscription as the API shows it: never its secret. */
public record Subscription(UUID id, String url, List<WebhookEvent> events, Long storeId, WebhookStatus status,
                           Instant createdAt) {

    /** A row of webhook_subscriptions, with events and status by their wire names. */
    public record Row(UUID id, String url, String[] events, Long storeId, String status, Instant createdAt) {
        public Subscription subscription() {
            return new Subscription(id, url, Subscription.events(events), storeId, WebhookStatus.valueOf(status.toUpperCase(Locale.ROOT)),
                    createdAt);
        }
    }

    public static List<WebhookEvent> events(String[] names) {
        return Arrays.stream(names).map(name -> WebhookEvent.byWireName(name)
                .orElseThrow(() -> new IllegalStateException("unknown webhook event in the database: " + name))).toList();
    }

    public static String[] names(List<WebhookEvent> events) {
        return events.stream().map(WebhookEvent::toString).toArray(String[]::new);
    }
}
