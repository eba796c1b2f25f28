package com.bazaar.worker.backlog;

import com.bazaar.queue.QueueUrl;
import com.bazaar.worker.consumer.MovementConsumer;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads the depth of the queue and of the dead-letter queue in the background, so that neither a metrics
 * scrape nor a health check costs an SQS call, and estimates how old the backlog is.
 * <p>
 * SQS does not tell the age of the oldest message (that is a CloudWatch metric), so the age is estimated:
 * while messages wait, it is the time since SQS received the oldest message of the latest batch the consumer
 * took, or since the queue was first seen non-empty, whichever is later. It grows while the worker does not
 * consume and stays small while it keeps up; it is 0 when nothing waits.
 */
public class BacklogMonitor implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogMonitor.class);

    private final SqsClient sqs;
    private final QueueUrl queue;
    private final QueueUrl deadLetterQueue;
    private final MovementConsumer consumer;
    private final ScheduledExecutorService scheduler;
    private final long refreshMillis;
    private final Clock clock;
    private volatile Depths depths;
    private volatile Instant waitingSince;
    private volatile Instant lastRefresh;
    private volatile String lastError = "not read yet";

    /** Approximate message counts: waiting, in flight (received, not deleted), on the dead-letter queue. */
    public record Depths(long waiting, long inFlight, long deadLetters) {
    }

    public BacklogMonitor(SqsClient sqs, QueueUrl queue, QueueUrl deadLetterQueue, MovementConsumer consumer,
                          ScheduledExecutorService scheduler, BacklogConfiguration config, Clock clock,
                          MetricRegistry metrics) {
        this.sqs = sqs;
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
        this.consumer = consumer;
        this.scheduler = scheduler;
        this.refreshMillis = config.getRefreshInterval().toMilliseconds();
        this.clock = clock;
        metrics.register("bazaar.worker.queue.waiting", (Gauge<Long>) () -> depths == null ? null : depths.waiting());
        metrics.register("bazaar.worker.queue.in-flight", (Gauge<Long>) () -> depths == null ? null : depths.inFlight());
        metrics.register("bazaar.worker.dlq.depth", (Gauge<Long>) () -> depths == null ? null : depths.deadLetters());
        metrics.register("bazaar.worker.backlog.age-seconds", (Gauge<Long>) () -> backlogAge().toSeconds());
    }

    @Override
    public void start() {
        scheduler.scheduleWithFixedDelay(this::refresh, 0, refreshMillis, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            Map<QueueAttributeName, String> main = sqs.getQueueAttributes(r -> r.queueUrl(queue.get()).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            Map<QueueAttributeName, String> dead = sqs.getQueueAttributes(r -> r.queueUrl(deadLetterQueue.get())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
            var read = new Depths(count(main, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                    count(main, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                    count(dead, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            Instant now = clock.instant();
            if (read.waiting() == 0) {
                waitingSince = null;
            } else if (waitingSince == null) {
                waitingSince = now;
            }
            depths = read;
            lastRefresh = now;
            lastError = null;
        } catch (RuntimeException e) {
            // Keep the last depths; the health check says how stale they are.
            lastError = e.toString();
            LOG.warn("Could not read the queue depths: {}", lastError);
        }
    }

    /** The latest depths read, or null before the first successful read. */
    public Depths depths() {
        return depths;
    }

    public Duration backlogAge() {
        Instant since = waitingSince;
        if (since == null) {
            return Duration.ZERO;
        }
        Instant taken = consumer.lastTakenSentAt().orElse(since);
        return Duration.between(taken.isAfter(since) ? taken : since, clock.instant());
    }

    /** When the depths were last read, or null if never. */
    public Instant lastRefresh() {
        return lastRefresh;
    }

    /** Why the latest read failed, or null if it succeeded. */
    public String lastError() {
        return lastError;
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        return Long.parseLong(attributes.getOrDefault(name, "0"));
    }
}
