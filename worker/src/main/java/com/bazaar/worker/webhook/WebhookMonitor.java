package com.bazaar.worker.webhook;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every subscription's state every {@code interval}, from the database, so that each worker reports all of them
 * whichever delivers: the gauge {@code bazaar.worker.webhooks.<id>.seconds-behind} (how old the oldest undelivered
 * change is) and the failing ones for the health check.
 */
public final class WebhookMonitor implements Managed, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookMonitor.class);

    private final Supplier<List<SubscriptionState>> states;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final MetricRegistry registry;
    private final WebhookMetrics metrics;
    private final Map<UUID, SubscriptionState> latest = new ConcurrentHashMap<>();
    private volatile boolean read;

    public WebhookMonitor(Supplier<List<SubscriptionState>> states, ScheduledExecutorService scheduler, Duration interval,
                          MetricRegistry registry, WebhookMetrics metrics) {
        this.states = states;
        this.scheduler = scheduler;
        this.interval = interval;
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        scheduler.scheduleWithFixedDelay(this, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        try {
            List<SubscriptionState> now = states.get();
            Set<UUID> gone = new HashSet<>(latest.keySet());
            for (SubscriptionState state : now) {
                gone.remove(state.id());
                if (latest.put(state.id(), state) == null) {
                    UUID id = state.id();
                    registry.gauge(WebhookMetrics.name(id, "seconds-behind"),
                            () -> (Gauge<Double>) () -> latest.containsKey(id) ? latest.get(id).secondsBehind() : 0.0);
                }
            }
            gone.forEach(id -> {
                latest.remove(id);
                metrics.forget(id);
            });
            read = true;
        } catch (RuntimeException e) {
            LOG.warn("Could not read the webhook subscriptions' state, retrying in {}: {}", interval, e.toString());
        }
    }

    /** The subscriptions as last read; empty before the first read. */
    public List<SubscriptionState> subscriptions() {
        return List.copyOf(latest.values());
    }

    public boolean hasRead() {
        return read;
    }
}
