package com.bazaar.worker.webhook;

import com.bazaar.webhook.WebhookStatus;
import com.codahale.metrics.health.HealthCheck;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Unhealthy while a subscription is {@code failing} (naming each, with its URL and since when), or while there are
 * subscriptions but this worker has no WEBHOOK_SECRET_KEY to sign them with.
 */
public final class WebhookHealthCheck extends HealthCheck {
    private final WebhookMonitor monitor;
    private final boolean canSign;

    public WebhookHealthCheck(WebhookMonitor monitor, boolean canSign) {
        this.monitor = monitor;
        this.canSign = canSign;
    }

    @Override
    protected Result check() {
        List<SubscriptionState> subscriptions = monitor.subscriptions();
        if (!canSign && !subscriptions.isEmpty()) {
            return Result.unhealthy(subscriptions.size() + " webhook subscriptions, but no WEBHOOK_SECRET_KEY: none is delivered");
        }
        List<SubscriptionState> failing = subscriptions.stream().filter(s -> s.status().equals(WebhookStatus.FAILING.toString()))
                .sorted(Comparator.comparing(SubscriptionState::id)).toList();
        if (!failing.isEmpty()) {
            return Result.unhealthy("failing, stopped until resumed: " + failing.stream()
                    .map(s -> s.id() + " (" + s.url() + ", since " + s.failingSince() + ")").collect(Collectors.joining("; ")));
        }
        return Result.healthy(subscriptions.size() + " webhook subscriptions, none failing"
                + (monitor.hasRead() ? "" : " (not read yet)"));
    }
}
