package com.bazaar.worker.webhook;

import com.bazaar.webhook.SecretBox;
import com.bazaar.webhook.WebhookEvent;
import com.bazaar.webhook.WebhookSequence;
import com.bazaar.webhook.WebhookStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one claimed subscription's due events, one at a time in sequence order: the next is sent only after the
 * one before got a 2xx and the position moved past it. A failure records its retry and ends the claim, so later
 * events wait for the next try; so does a spent time budget (others get their turn) or a lost lease.
 */
public final class SubscriptionRun {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRun.class);
    /** Feed entries read at a time. */
    static final int PAGE = 200;
    /** Attempts kept per subscription for GET /webhooks/{id}/deliveries. */
    static final int KEPT_ATTEMPTS = 100;
    /** How long one claim delivers before it lets other subscriptions have the thread. */
    static final Duration BUDGET = Duration.ofSeconds(2);

    private final DispatchDao dao;
    private final SecretBox secrets;
    private final WebhookSender sender;
    private final RetrySchedule schedule;
    private final ObjectMapper json;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final Duration lease;
    private final Duration timeout;
    private final BooleanSupplier running;

    public SubscriptionRun(DispatchDao dao, SecretBox secrets, WebhookSender sender, DispatchConfiguration settings,
                    ObjectMapper json, WebhookMetrics metrics, Clock clock, BooleanSupplier running) {
        this.dao = dao;
        this.secrets = secrets;
        this.sender = sender;
        this.schedule = settings.retrySchedule();
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
        this.lease = settings.getLease().toJavaDuration();
        this.timeout = settings.getTimeout().toJavaDuration();
        this.running = running;
    }

    void deliver(Claim claim) {
        UUID id = claim.id();
        UUID token = claim.leaseToken();
        Set<WebhookEvent> events = claim.eventSet();
        String secret = openSecret(claim);
        long position = claim.position();
        int failures = claim.attempts();
        Instant failingSince = claim.failingSince();
        long renewed = System.nanoTime();
        long ends = renewed + BUDGET.toNanos();
        while (true) {
            long head = dao.head();
            long scanned = position;
            List<WebhookEventBody> due = List.of();
            long from = WebhookSequence.feedSeq(position);
            while (due.isEmpty()) {
                List<FeedEntry> entries = dao.entries(from, head, claim.storeId(), events.contains(WebhookEvent.STOCK_LOW), PAGE);
                due = SubscriptionEvents.after(id, events, position, entries);
                if (entries.size() < PAGE) {
                    scanned = WebhookSequence.pastEntry(head);
                    break;
                }
                long last = entries.get(entries.size() - 1).change().seq();
                scanned = WebhookSequence.pastEntry(last);
                from = last + 1;
            }
            if (due.isEmpty()) {
                dao.release(id, token, scanned, clock.instant());
                return;
            }
            for (WebhookEventBody event : due) {
                if (!running.getAsBoolean() || System.nanoTime() > ends) {
                    dao.release(id, token, position, clock.instant());
                    return;
                }
                if (System.nanoTime() - renewed > lease.minus(timeout.multipliedBy(2)).toNanos()) {
                    if (dao.renew(id, token, lease.toMillis()) == 0) {
                        return;
                    }
                    renewed = System.nanoTime();
                }
                byte[] body = body(event);
                Attempt attempt = secret == null
                        ? Attempt.unanswered("not sent: the signing secret does not open with this worker's WEBHOOK_SECRET_KEY",
                                0, clock.instant())
                        : sender.send(claim.url(), event.id(), body,
                                WebhookSignature.header(secret, clock.instant().getEpochSecond(), body));
                dao.record(id, event, attempt, failures + 1, KEPT_ATTEMPTS);
                if (!attempt.succeeded()) {
                    metrics.failed(id);
                    retryLater(claim, event, attempt, failures + 1, failingSince == null ? attempt.at() : failingSince);
                    return;
                }
                metrics.delivered(id);
                if (dao.delivered(id, token, event.sequence(), lease.toMillis()) == 0) {
                    LOG.info("Webhook {}: lease lost after delivering event {} (deleted, or claimed by another worker)",
                            id, event.id());
                    return;
                }
                renewed = System.nanoTime();
                position = event.sequence();
                failures = 0;
                failingSince = null;
            }
        }
    }

    private void retryLater(Claim claim, WebhookEventBody event, Attempt attempt, int failures, Instant failingSince) {
        RetrySchedule.Next next = schedule.afterFailure(failures, failingSince, clock.instant());
        if (next instanceof RetrySchedule.Retry retry) {
            dao.failed(claim.id(), claim.leaseToken(), failures, failingSince, retry.at(), WebhookStatus.ACTIVE.toString());
            LOG.info("Webhook {}: event {} (sequence {}) failed ({}), try {} again at {}", claim.id(), event.id(),
                    event.sequence(), attempt.outcome(), failures + 1, retry.at());
        } else {
            dao.failed(claim.id(), claim.leaseToken(), failures, failingSince, clock.instant(), WebhookStatus.FAILING.toString());
            LOG.warn("Webhook {}: event {} (sequence {}) has failed since {} ({} tries, last: {}); the subscription is "
                    + "failing and stopped until POST /webhooks/{}/resume", claim.id(), event.id(), event.sequence(),
                    failingSince, failures, attempt.outcome(), claim.id());
        }
    }

    private String openSecret(Claim claim) {
        try {
            return secrets.open(claim.id(), claim.secret());
        } catch (IllegalStateException e) {
            LOG.error("Webhook {}: {}", claim.id(), e.getMessage());
            return null;
        }
    }

    private byte[] body(WebhookEventBody event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " is not JSON", e);
        }
    }
}
