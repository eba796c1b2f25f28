package com.bazaar.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.feed.ChangeType;
import com.bazaar.feed.InventoryChange;
import com.bazaar.json.StrictJson;
import com.bazaar.webhook.WebhookEvent;
import com.bazaar.webhook.WebhookSequence;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriptionEventsTest {
    static final UUID SUBSCRIPTION = UUID.fromString("11111111-2222-3333-4444-555555555555");
    static final UUID MOVEMENT = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    static final Instant AT = Instant.parse("2026-12-01T10:15:30Z");
    static final Set<WebhookEvent> ALL = EnumSet.allOf(WebhookEvent.class);

    static FeedEntry sale(long seq, Integer lowStockThreshold) {
        return new FeedEntry(new InventoryChange(seq, 1, 2, 3, 0, 3, -2, 0, 7, MOVEMENT, ChangeType.OUT, AT), lowStockThreshold);
    }

    static FeedEntry expiry(long seq) {
        return new FeedEntry(new InventoryChange(seq, 1, 2, 10, 0, 10, 0, -4, 8, MOVEMENT, ChangeType.EXPIRE, AT), null);
    }

    @Test
    void anEventsIdDependsOnItsSubscriptionAndSequenceOnly() {
        UUID id = SubscriptionEvents.eventId(SUBSCRIPTION, 41);

        assertThat(SubscriptionEvents.eventId(SUBSCRIPTION, 41)).isEqualTo(id);
        assertThat(SubscriptionEvents.eventId(SUBSCRIPTION, 42)).isNotEqualTo(id);
        assertThat(SubscriptionEvents.eventId(UUID.randomUUID(), 41)).isNotEqualTo(id);
        assertThat(id).isEqualTo(UUID.nameUUIDFromBytes(("bazaar-webhook:" + SUBSCRIPTION + ":41").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEntryGivesItsEventsInSlotOrderAndOnlyThoseSubscribedTo() {
        var events = SubscriptionEvents.after(SUBSCRIPTION, ALL, 0, List.of(sale(5, 3), expiry(6)));

        assertThat(events).extracting(WebhookEventBody::type).containsExactly(WebhookEvent.INVENTORY_CHANGED,
                WebhookEvent.STOCK_LOW, WebhookEvent.INVENTORY_CHANGED, WebhookEvent.RESERVATION_EXPIRED);
        assertThat(events).extracting(WebhookEventBody::sequence).containsExactly(20L, 22L, 24L, 25L).isSorted();
        assertThat(SubscriptionEvents.after(SUBSCRIPTION, EnumSet.of(WebhookEvent.STOCK_LOW), 0, List.of(sale(5, 3), expiry(6), sale(7, null))))
                .extracting(WebhookEventBody::sequence).containsExactly(22L);
    }

    @Test
    void eventsAtOrBeforeThePositionAreNotGivenAgain() {
        long afterTheChangeOfFive = WebhookSequence.of(5, WebhookEvent.INVENTORY_CHANGED);

        assertThat(SubscriptionEvents.after(SUBSCRIPTION, ALL, afterTheChangeOfFive, List.of(sale(5, 3), sale(6, null))))
                .extracting(WebhookEventBody::sequence).containsExactly(22L, 24L);
        assertThat(SubscriptionEvents.after(SUBSCRIPTION, ALL, WebhookSequence.pastEntry(6), List.of(sale(5, 3), sale(6, null)))).isEmpty();
    }

    @Test
    void theBodyIsTheContractsShapeWithTheFeedEntryAsData() throws Exception {
        var mapper = StrictJson.configure(Jackson.newObjectMapper());
        var changed = SubscriptionEvents.after(SUBSCRIPTION, EnumSet.of(WebhookEvent.INVENTORY_CHANGED), 0, List.of(sale(5, null))).get(0);
        var expired = SubscriptionEvents.after(SUBSCRIPTION, EnumSet.of(WebhookEvent.RESERVATION_EXPIRED), 0, List.of(expiry(6))).get(0);
        var low = SubscriptionEvents.after(SUBSCRIPTION, EnumSet.of(WebhookEvent.STOCK_LOW), 0, List.of(sale(5, 3))).get(0);

        assertThat(mapper.writeValueAsString(changed)).isEqualTo("{\"id\":\"" + SubscriptionEvents.eventId(SUBSCRIPTION, 20)
                + "\",\"type\":\"inventory.changed\",\"sequence\":20,\"createdAt\":\"2026-12-01T10:15:30Z\",\"data\":{\"storeId\":1,"
                + "\"productId\":2,\"quantity\":3,\"reservedQuantity\":0,\"availableQuantity\":3,\"delta\":-2,\"reservedDelta\":0,"
                + "\"version\":7,\"movementId\":\"" + MOVEMENT + "\",\"type\":\"out\",\"appliedAt\":\"2026-12-01T10:15:30Z\"}}");
        assertThat(mapper.writeValueAsString(expired)).contains("\"type\":\"reservation.expired\",\"sequence\":25",
                "\"data\":{\"reservationId\":\"" + MOVEMENT + "\",\"storeId\":1,\"productId\":2,\"quantity\":4,"
                        + "\"reservedQuantity\":0,\"availableQuantity\":10,\"expiredAt\":\"2026-12-01T10:15:30Z\"}");
        assertThat(mapper.writeValueAsString(low)).contains("\"type\":\"stock.low\",\"sequence\":22",
                "\"data\":{\"storeId\":1,\"productId\":2,\"quantity\":3,\"lowStockThreshold\":3,\"movementId\":\"" + MOVEMENT
                        + "\",\"reachedAt\":\"2026-12-01T10:15:30Z\"}");
    }
}
