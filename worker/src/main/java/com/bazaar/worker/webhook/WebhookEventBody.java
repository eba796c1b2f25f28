package com.bazaar.worker.webhook;

import com.bazaar.webhook.WebhookEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A delivery's body: {@code {"id", "type", "sequence", "createdAt", "data"}}. Everything in it comes from the feed, so
 * a redelivery sends the same bytes; only the signature's timestamp changes.
 *
 * @param createdAt when the change it reports was applied
 */
public record WebhookEventBody(UUID id, WebhookEvent type, long sequence, Instant createdAt, Object data) {
}
