package com.bazaar.service.movement;

import com.bazaar.movement.MovementSource;
import com.bazaar.queue.MessageAttributes;
import com.bazaar.queue.QueueCodec;
import com.bazaar.queue.QueueMessage;
import com.bazaar.queue.QueueUrl;
import com.codahale.metrics.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Puts accepted movements and holds on SQS: one at a time through the {@link SendBatcher}, which sends the messages of
 * concurrent requests up to ten per call; a request's own list in SendMessageBatch calls of ten, one after the other.
 */
public final class SqsMovementPublisher implements MovementPublisher {
    private final SqsAsyncClient sqs;
    private final SendBatcher batches;
    private final QueueUrl queue;
    private final QueueCodec codec = new QueueCodec();
    private final Timer enqueueTime;
    private final Duration giveUpAfter;

    /**
     * @param callsInFlight how many SendMessageBatch calls of single messages may be on the wire at once
     * @param giveUpAfter   a bound on every publication, over the SDK's own call timeout: two test runs on an overloaded
     *                      machine saw a batch manager's future never complete, which left the request hanging for good
     */
    public SqsMovementPublisher(SqsAsyncClient sqs, QueueUrl queue, int callsInFlight, Timer enqueueTime,
                                Duration giveUpAfter) {
        this.sqs = sqs;
        this.batches = new SendBatcher(sqs, queue, callsInFlight);
        this.queue = queue;
        this.enqueueTime = enqueueTime;
        this.giveUpAfter = giveUpAfter;
    }

    @Override
    public CompletableFuture<Void> publish(QueueMessage message, String requestId) {
        SendMessageBatchRequestEntry entry;
        try {
            entry = entry(message, requestId).build();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Timer.Context timing = enqueueTime.time();
        return batches.send(entry).orTimeout(giveUpAfter.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, failure) -> timing.stop());
    }
    /** Ten per call, each call after the one before succeeded, so that one product's movements keep their order. */
    @Override
    public CompletableFuture<Void> publishInOrder(List<? extends QueueMessage> messages, String requestId) {
        List<List<SendMessageBatchRequestEntry>> calls = new ArrayList<>();
        try {
            for (int start = 0; start < messages.size(); start += SendBatcher.MAX_PER_CALL) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = start; i < Math.min(start + SendBatcher.MAX_PER_CALL, messages.size()); i++) {
                    entries.add(entry(messages.get(i), requestId).id(String.valueOf(i)).build());
                }
                calls.add(entries);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Timer.Context timing = enqueueTime.time();
        CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
        for (List<SendMessageBatchRequestEntry> entries : calls) {
            sent = sent.thenCompose(previous -> sqs.sendMessageBatch(r -> r.queueUrl(queue.get()).entries(entries))
                    .thenAccept(response -> {
                        if (!response.failed().isEmpty()) {
                            throw SendBatcher.refused(response.failed().get(0));
                        }
                    }));
        }
        return sent.orTimeout(giveUpAfter.toMillis() * calls.size(), TimeUnit.MILLISECONDS)
                .whenComplete((done, failure) -> timing.stop());
    }

    private SendMessageBatchRequestEntry.Builder entry(QueueMessage message, String requestId) {
        var entry = SendMessageBatchRequestEntry.builder()
                .messageBody(codec.encode(message)).messageAttributes(attributes(requestId));
        if (queue.isFifo()) {
            // SQS drops a repeat of the same deduplication id within five minutes; the worker's unique
            // movement id covers any repeat after that.
            entry.messageGroupId(message.messageGroupId()).messageDeduplicationId(message.deduplicationId());
        }
        return entry;
    }

    private static Map<String, MessageAttributeValue> attributes(String requestId) {
        return Map.of(MessageAttributes.SOURCE, MessageAttributes.text(MovementSource.API.toString()),
                MessageAttributes.REQUEST_ID, MessageAttributes.text(requestId));
    }
}
