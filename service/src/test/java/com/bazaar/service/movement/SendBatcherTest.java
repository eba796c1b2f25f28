package com.bazaar.service.movement;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.queue.QueueUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

class SendBatcherTest {
    /** Holds every call on the wire until the test answers it. */
    static class Wire implements SqsAsyncClient {
        final List<SendMessageBatchRequest> calls = new ArrayList<>();
        final List<CompletableFuture<SendMessageBatchResponse>> answers = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<SendMessageBatchResponse> sendMessageBatch(SendMessageBatchRequest request) {
            calls.add(request);
            var answer = new CompletableFuture<SendMessageBatchResponse>();
            answers.add(answer);
            return answer;
        }

        List<String> bodies(int call) {
            return calls.get(call).entries().stream().map(SendMessageBatchRequestEntry::messageBody).toList();
        }

        /** Answers call {@code call}: every entry taken but those named in {@code refused}. */
        void takeAllBut(int call, String... refused) {
            var ids = calls.get(call).entries().stream().map(SendMessageBatchRequestEntry::id).toList();
            var failed = List.of(refused);
            answers.get(call).complete(SendMessageBatchResponse.builder()
                    .successful(ids.stream().filter(id -> !failed.contains(id))
                            .map(id -> SendMessageBatchResultEntry.builder().id(id).messageId("m" + id).build()).toList())
                    .failed(failed.stream().map(id -> BatchResultErrorEntry.builder().id(id).code("InvalidParameterValue")
                            .message("refused").senderFault(true).build()).toList())
                    .build());
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    static final QueueUrl QUEUE = new QueueUrl(new SqsClient() {
        @Override
        public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
            return GetQueueUrlResponse.builder().queueUrl("http://sqs.local/000000000000/" + request.queueName()).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }, "movements.fifo");

    final Wire wire = new Wire();

    static SendMessageBatchRequestEntry message(int n) {
        return SendMessageBatchRequestEntry.builder().messageBody("m" + n).messageGroupId("g").build();
    }

    @Test
    void aLoneMessageGoesOutAtOnceInACallOfItsOwn() {
        var batcher = new SendBatcher(wire, QUEUE, 2);

        CompletableFuture<Void> sent = batcher.send(message(1));

        assertThat(wire.calls).hasSize(1);
        assertThat(wire.bodies(0)).containsExactly("m1");
        assertThat(wire.calls.get(0).entries().get(0).id()).isEqualTo("0");
        assertThat(wire.calls.get(0).queueUrl()).isEqualTo("http://sqs.local/000000000000/movements.fifo");
        assertThat(sent).isNotDone();
        wire.takeAllBut(0);
        assertThat(sent).isCompleted();
    }

    @Test
    void whileTheCallsAreOutMessagesWaitAndGoTenACallInTheirOrderAsEachReturns() {
        var batcher = new SendBatcher(wire, QUEUE, 2);
        List<CompletableFuture<Void>> sent = IntStream.range(0, 27).mapToObj(n -> batcher.send(message(n))).toList();

        assertThat(wire.calls).as("two on the wire, the rest waiting").hasSize(2);
        assertThat(wire.bodies(0)).containsExactly("m0");
        assertThat(wire.bodies(1)).containsExactly("m1");

        wire.takeAllBut(0);
        assertThat(wire.calls).hasSize(3);
        assertThat(wire.bodies(2)).containsExactly("m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11");
        assertThat(sent.get(0)).isCompleted();
        assertThat(sent.get(2)).isNotDone();

        wire.takeAllBut(1);
        assertThat(wire.calls).hasSize(4);
        assertThat(wire.bodies(3)).hasSize(10).startsWith("m12").endsWith("m21");
        wire.takeAllBut(2);
        assertThat(wire.calls).hasSize(5);
        assertThat(wire.bodies(4)).containsExactly("m22", "m23", "m24", "m25", "m26");
        wire.takeAllBut(3);
        wire.takeAllBut(4);

        assertThat(sent).allSatisfy(future -> assertThat(future).isCompleted());
        assertThat(wire.calls).as("nothing left to send").hasSize(5);
    }

    @Test
    void anEntryTheQueueRefusesFailsThatMessageOnly() {
        var batcher = new SendBatcher(wire, QUEUE, 1);
        batcher.send(message(0));
        var second = batcher.send(message(1));
        var third = batcher.send(message(2));
        wire.takeAllBut(0);

        wire.takeAllBut(1, "1");

        assertThat(second).isCompleted();
        assertThat(third).isCompletedExceptionally();
        assertThat(third.handle((ok, e) -> e.getMessage()).join()).contains("InvalidParameterValue refused");
    }

    @Test
    void aFailedCallFailsItsMessagesAndTheWaitingOnesStillGoOut() {
        var batcher = new SendBatcher(wire, QUEUE, 1);
        var first = batcher.send(message(0));
        var waiting = batcher.send(message(1));

        wire.answers.get(0).completeExceptionally(new IllegalStateException("connection refused"));

        assertThat(first).isCompletedExceptionally();
        assertThat(wire.calls).hasSize(2);
        wire.takeAllBut(1);
        assertThat(waiting).isCompleted();
    }

    @Test
    void aClientThatThrowsFailsTheMessageAndFreesItsPlaceOnTheWire() {
        var throwing = new Wire() {
            @Override
            public synchronized CompletableFuture<SendMessageBatchResponse> sendMessageBatch(SendMessageBatchRequest request) {
                throw new IllegalStateException("client closed");
            }
        };
        var batcher = new SendBatcher(throwing, QUEUE, 1);

        assertThat(batcher.send(message(0))).isCompletedExceptionally();
        assertThat(batcher.send(message(1))).as("the place on the wire was given back").isCompletedExceptionally();
    }
}
