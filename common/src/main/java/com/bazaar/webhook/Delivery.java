package com.bazaar.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery attempt, as {@code GET /webhooks/{id}/deliveries} shows it.
 *
 * @param statusCode the receiver's answer, or null when there was none ({@code error} says why)
 * @param error      what went wrong without an answer (timeout, refused address, connection refused), else null
 */
public record Delivery(UUID eventId, String eventType, long sequence, int attempt, Integer statusCode, String error,
                       long durationMs, Instant attemptedAt) {
}
