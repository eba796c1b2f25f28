package com.bazaar.worker.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscription as the monitor sees it.
 *
 * @param secondsBehind how long ago the oldest change it has not delivered was applied (0 when it is up to date)
 */
public record SubscriptionState(UUID id, String url, String status, Instant failingSince, double secondsBehind) {
}
