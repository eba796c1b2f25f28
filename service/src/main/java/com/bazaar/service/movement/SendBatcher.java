package com.bazaar.service.movement;

import com.bazaar.queue.QueueUrl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends messages one by one to a queue in SendMessageBatch calls of up to ten, clocked by the calls themselves: a
 * message goes out at once unless {@code callsInFlight} calls are on the wire already; then it waits with those that
 * arrive meanwhile and goes in the next call, as soon as one returns. A trickle costs one call per message and no
 * wait; a flood fills calls of ten. The SDK's {@code SqsAsyncBatchManager}, used before, flushes on a fixed-rate
 * timer instead: a lone message waited for it, and its thread woke every {@code sendFrequency} (100 times a second
 * at 10 ms), idle or not (docs/BENCHMARKS.md).
 */
final class SendBatcher {
    static final int MAX_PER_CALL = 10;

    private final SqsAsyncClient sqs;
    private final QueueUrl queue;
    private final int callsInFlight;
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private int onTheWire;

    private record Pending(SendMessageBatchRequestEntry entry, CompletableFuture<Void> sent) {
    }

    SendBatcher(SqsAsyncClient sqs, QueueUrl queue, int callsInFlight) {
        this.sqs = sqs;
        this.queue = queue;
        this.callsInFlight = callsInFlight;
    }

    /**
     * @param entry the message, without an id (the batch gives each its own)
     * @return completes once SQS has the message, or with why it has not
     */
    CompletableFuture<Void> send(SendMessageBatchRequestEntry entry) {
        Pending pending = new Pending(entry, new CompletableFuture<>());
        List<Pending> call;
        synchronized (this) {
            waiting.add(pending);
            call = onTheWire < callsInFlight ? nextCall() : null;
        }
        if (call != null) {
            put(call);
        }
        return pending.sent();
    }

    /** Up to ten waiting messages, counted on the wire; null when none waits. Holds the lock. */
    private List<Pending> nextCall() {
        if (waiting.isEmpty()) {
            return null;
        }
        List<Pending> call = new ArrayList<>(Math.min(MAX_PER_CALL, waiting.size()));
        while (call.size() < MAX_PER_CALL && !waiting.isEmpty()) {
            call.add(waiting.poll());
        }
        onTheWire++;
        return call;
    }

    private void put(List<Pending> call) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(call.size());
        for (int i = 0; i < call.size(); i++) {
            entries.add(call.get(i).entry().toBuilder().id(String.valueOf(i)).build());
        }
        CompletableFuture<SendMessageBatchResponse> response;
        try {
            response = sqs.sendMessageBatch(r -> r.queueUrl(queue.get()).entries(entries));
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((answer, failure) -> {
            settle(call, answer, failure);
            List<Pending> next;
            synchronized (this) {
                onTheWire--;
                next = nextCall();
            }
            if (next != null) {
                put(next);
            }
        });
    }

    /** Why SQS refused one entry of a SendMessageBatch. */
    static IllegalStateException refused(BatchResultErrorEntry error) {
        return new IllegalStateException("SQS did not take message " + error.id() + ": " + error.code() + " "
                + error.message());
    }

    private static void settle(List<Pending> call, SendMessageBatchResponse answer, Throwable failure) {
        if (failure != null) {
            call.forEach(pending -> pending.sent().completeExceptionally(failure));
            return;
        }
        Map<String, BatchResultErrorEntry> failed = answer.failed().stream()
                .collect(Collectors.toMap(BatchResultErrorEntry::id, Function.identity(), (a, b) -> a));
        var succeeded = answer.successful().stream().map(ok -> ok.id()).collect(Collectors.toSet());
        for (int i = 0; i < call.size(); i++) {
            String id = String.valueOf(i);
            BatchResultErrorEntry error = failed.get(id);
            if (error != null) {
                call.get(i).sent().completeExceptionally(refused(error));
            } else if (succeeded.contains(id)) {
                call.get(i).sent().complete(null);
            } else {
                call.get(i).sent().completeExceptionally(new IllegalStateException("SQS did not answer for the message"));
            }
        }
    }
}
