package com.bazaar.worker.webhook;

import com.codahale.metrics.MetricRegistry;
import java.util.UUID;

/**
 * Per subscription: {@code bazaar.worker.webhooks.<id>.delivered} and {@code .failed} (meters, this worker's
 * attempts), beside the totals {@code bazaar.worker.webhooks.delivered} and {@code .failed}; the lag gauge is the
 * monitor's.
 */
public final class WebhookMetrics {
    static final String PREFIX = "bazaar.worker.webhooks";
    private final MetricRegistry registry;

    public WebhookMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    void delivered(UUID subscription) {
        registry.meter(PREFIX + ".delivered").mark();
        registry.meter(name(subscription, "delivered")).mark();
    }

    void failed(UUID subscription) {
        registry.meter(PREFIX + ".failed").mark();
        registry.meter(name(subscription, "failed")).mark();
    }

    static String name(UUID subscription, String metric) {
        return PREFIX + "." + subscription + "." + metric;
    }

    /** Drops the metrics of a subscription that no longer exists. */
    void forget(UUID subscription) {
        registry.removeMatching((name, metric) -> name.startsWith(PREFIX + "." + subscription + "."));
    }
}
