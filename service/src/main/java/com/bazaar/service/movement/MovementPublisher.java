package com.bazaar.service.movement;

import com.bazaar.movement.MovementCodec;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementSource;
import com.bazaar.queue.MessageAttributes;
import com.bazaar.queue.QueueUrl;
import com.codahale.metrics.Timer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.batchmanager.SqsAsyncBatchManager;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** Puts accepted movements on the queue through the SDK's batch manager, which sends them ten at a time. */
public class MovementPublisher {
    private final SqsAsyncBatchManager batches;
    private final QueueUrl queue;
    private final MovementCodec codec = new MovementCodec();
    private final Timer enqueueTime;

    public MovementPublisher(SqsAsyncBatchManager batches, QueueUrl queue, Timer enqueueTime) {
        this.batches = batches;
        this.queue = queue;
        this.enqueueTime = enqueueTime;
    }

    /** Completes when SQS has the message; fails when the queue cannot be reached. */
    public CompletableFuture<Void> publish(MovementMessage message, String requestId) {
        SendMessageRequest.Builder request;
        try {
            request = SendMessageRequest.builder()
                    .queueUrl(queue.get())
                    .messageBody(codec.encode(message))
                    .messageAttributes(Map.of(
                            MessageAttributes.SOURCE, MessageAttributes.text(MovementSource.API.toString()),
                            MessageAttributes.REQUEST_ID, MessageAttributes.text(requestId)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (queue.isFifo()) {
            // SQS drops a repeat of the same deduplication id within five minutes; the worker's unique
            // movement id covers any repeat after that.
            request.messageGroupId(message.messageGroupId())
                    .messageDeduplicationId(message.movementId().toString());
        }
        Timer.Context timing = enqueueTime.time();
        return batches.sendMessage(request.build()).whenComplete((response, failure) -> timing.stop()).thenApply(response -> null);
    }
}
