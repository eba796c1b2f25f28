package com.bazaar.worker.webhook;

import com.bazaar.webhook.WebhookSequence;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the change feed for every webhook subscription: one poller claims due subscriptions (as many as there are
 * free delivery threads) and hands each to a thread of its own, which delivers its events in order
 * ({@link SubscriptionRun}). A slow or dead receiver occupies one thread for at most a timeout per try and then waits
 * out its back-off unclaimed, so the other subscriptions keep their threads. Several workers share the subscriptions
 * through the leases ({@link DispatchDao}).
 */
public final class WebhookDispatcher implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final DispatchDao dao;
    private final SubscriptionRun run;
    private final ExecutorService poller;
    private final ExecutorService deliveries;
    private final Semaphore freeThreads;
    private final int threads;
    private final DispatchConfiguration settings;
    private final Duration lease;
    private final Duration timeout;
    private final Clock clock;
    private volatile boolean running;

    /**
     * @param run        makes the run, given whether the dispatcher is still running
     * @param poller     one thread
     * @param deliveries {@code settings.getDeliveries()} threads
     */
    public WebhookDispatcher(DispatchDao dao, Function<BooleanSupplier, SubscriptionRun> run, ExecutorService poller, ExecutorService deliveries,
                              DispatchConfiguration settings, Clock clock) {
        this.dao = dao;
        this.run = run.apply(() -> running);
        this.poller = poller;
        this.deliveries = deliveries;
        this.threads = settings.getDeliveries();
        this.freeThreads = new Semaphore(threads);
        this.settings = settings;
        this.lease = settings.getLease().toJavaDuration();
        this.timeout = settings.getTimeout().toJavaDuration();
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        poller.execute(this::poll);
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        poller.shutdownNow();
        // The runs stop before their next event and hand their leases back; one on the wire finishes first.
        if (!freeThreads.tryAcquire(threads, timeout.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Webhook deliveries still running at shutdown; their leases run out within {}", lease);
        }
    }

    private void poll() {
        int emptyPolls = 0;
        while (running) {
            try {
                freeThreads.acquire();
                int free = 1 + freeThreads.drainPermits();
                List<Claim> claims = List.of();
                try {
                    claims = dao.claim(free, lease.toMillis(), clock.instant(), WebhookSequence.pastEntry(dao.head()));
                } catch (RuntimeException e) {
                    LOG.warn("Could not claim webhook subscriptions, retrying: {}", e.toString());
                }
                freeThreads.release(free - claims.size());
                claims.forEach(claim -> deliveries.execute(() -> deliver(claim)));
                emptyPolls = claims.isEmpty() ? emptyPolls + 1 : 0;
                if (emptyPolls > 0) {
                    Thread.sleep(settings.pauseAfterEmptyPolls(emptyPolls));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliver(Claim claim) {
        try {
            run.deliver(claim);
        } catch (RuntimeException e) {
            // The lease runs out and the subscription is claimed again from its persisted position.
            LOG.warn("Webhook {}: delivery stopped, retried within {}: {}", claim.id(), lease, e.toString());
        } finally {
            freeThreads.release();
        }
    }
}
