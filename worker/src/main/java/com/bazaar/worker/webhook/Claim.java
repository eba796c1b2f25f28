package com.bazaar.worker.webhook;

import com.bazaar.webhook.Subscription;
import com.bazaar.webhook.WebhookEvent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A subscription this dispatcher holds the lease of, as it stood when claimed.
 *
 * @param position     the sequence of the last event delivered or passed over
 * @param attempts     failed attempts at the event after it
 * @param failingSince when that event first failed, or null
 * @param leaseToken   what proves the lease is still this claim's in every update
 */
public record Claim(UUID id, String url, String[] events, Long storeId, byte[] secret, long position, int attempts,
                    Instant failingSince, UUID leaseToken) {

    public Set<WebhookEvent> eventSet() {
        return EnumSet.copyOf(Subscription.events(events));
    }
}
