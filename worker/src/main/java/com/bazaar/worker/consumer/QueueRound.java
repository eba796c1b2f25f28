package com.bazaar.worker.consumer;

import com.bazaar.db.Databases;
import com.bazaar.queue.MessageAttributes;
import com.codahale.metrics.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One round of a consumer thread with one batch: take it off the queue, have the {@link MessageApplier} apply it in one
 * transaction, then, after the commit, settle each message with the {@link MovementQueue}: delete, dead-letter, or
 * hide it for a pause that grows with its receive count. The thread's loop, back-off and liveness stay in
 * {@link MovementConsumer}.
 */
final class QueueRound {
    private final MovementQueue queue;
    private final MessageApplier messages;
    private final ConsumerConfiguration config;
    private final ConsumerMetrics metrics;
    /** SentTimestamp (epoch ms) of the oldest message of the latest batch received, 0 before the first. */
    private final AtomicLong lastTakenSentAt = new AtomicLong();

    QueueRound(MovementQueue queue, MessageApplier messages, ConsumerConfiguration config, ConsumerMetrics metrics) {
        this.queue = queue;
        this.messages = messages;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Up to {@link ConsumerConfiguration#getMessagesPerTransaction()} messages, maybe none, waiting up to {@code wait}
     * for the first ({@link ConsumerConfiguration#receiveWait}).
     */
    List<Message> receive(Duration wait) {
        return timedReceive(config.getMessagesPerTransaction(), wait);
    }

    /** {@code held} and what the queue has now to fill the batch up, without waiting. */
    List<Message> receiveMore(List<Message> held) {
        List<Message> batch = new ArrayList<>(held);
        batch.addAll(timedReceive(config.getMessagesPerTransaction() - held.size(), Duration.ZERO));
        return batch;
    }

    private List<Message> timedReceive(int max, Duration wait) {
        List<Message> messages = metrics.receive().timeSupplier(() -> queue.receive(max, wait,
                config.getVisibilityTimeout().toJavaDuration()));
        metrics.received().mark(messages.size());
        return messages;
    }

    /**
     * Applies the batch and settles its messages with the queue.
     *
     * @throws DatabaseUnavailable when the database could not take the batch: nothing is settled, and the messages
     *                              stay hidden for their visibility timeout ({@link #hold}, {@link #release})
     */
    void handle(List<Message> messages) {
        metrics.batchSize().update(messages.size());
        lastTakenSentAt.set(messages.stream().mapToLong(message -> MessageAttributes.sentAt(message).toEpochMilli())
                .min().orElseThrow());
        Disposition disposition;
        try (Timer.Context timing = metrics.batch().time()) {
            disposition = this.messages.apply(messages);
        } catch (RuntimeException e) {
            if (!Databases.isUnavailable(e)) {
                throw e;
            }
            throw new DatabaseUnavailable(messages, Databases.rootMessage(e));
        }
        List<Message> delete = new ArrayList<>(disposition.delete());
        if (!disposition.deadLetter().isEmpty()) {
            List<Message> moved = queue.deadLetter(disposition.deadLetter());
            metrics.deadLettered().mark(moved.size());
            delete.addAll(moved);
        }
        try (Timer.Context timing = metrics.delete().time()) {
            queue.delete(delete);
        }
        retryLater(disposition.retry());
    }

    /**
     * Keeps messages hidden for {@code seconds} and then a whole visibility timeout, so that they are not handed out
     * again while the consumer waits for the database to take them (SQS allows 12 hours from the receive).
     */
    void hold(List<Message> messages, long seconds) {
        queue.delay(messages, message -> (int) (seconds + config.getVisibilityTimeout().toSeconds()));
    }

    /** Gives held messages back to the queue now, for whoever receives next. */
    void release(List<Message> messages) {
        queue.delay(messages, message -> 0);
    }

    /** When SQS received the oldest message of the latest batch taken off the queue; empty before the first. */
    Optional<Instant> lastTakenSentAt() {
        long sentAt = lastTakenSentAt.get();
        return sentAt == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(sentAt));
    }

    /** Hides failed messages for a pause that grows with how often they have been received. */
    private void retryLater(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        metrics.retried().mark(messages.size());
        queue.delay(messages, message -> (int) config.backoffSeconds(Integer.parseInt(
                message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"))));
    }
}
