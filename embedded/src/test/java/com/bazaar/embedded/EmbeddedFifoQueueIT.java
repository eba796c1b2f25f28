package com.bazaar.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.bazaar.elasticmq.ReplacementGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.actor.queue.MessageQueue$;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The embedded queue keeps SQS FIFO semantics (five-minute deduplication, order within a group) at a cost per
 * send that does not grow with traffic: upstream ElasticMQ copies its whole deduplication history on every send.
 */
class EmbeddedFifoQueueIT {
    static final EmbeddedQueue QUEUE = EmbeddedQueue.start(0);
    static final SqsClient SQS = QUEUE.client();

    @AfterAll
    static void stop() {
        SQS.close();
        QUEUE.close();
    }

    static String fifoQueue() {
        String name = "fifo-" + UUID.randomUUID() + ".fifo";
        return SQS.createQueue(r -> r.queueName(name).attributes(java.util.Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
    }

    @Test
    void theReplacementsOfBazaarElasticMqFixesAreTheClassesElasticMqRuns() {
        assertThatCode(ReplacementGuard::check).doesNotThrowAnyException();
        assertThat(MessageQueue$.MODULE$.apply(true)).isInstanceOf(org.elasticmq.actor.queue.RotatingFifoMessageQueue.class);
    }

    @Test
    void theSecondThirtyThousandSendsCostNoMoreThanTheFirst() throws Exception {
        String queue = fifoQueue();
        long first = sendUnique(queue, 30_000);
        long second = sendUnique(queue, 30_000);

        // Upstream, the history holds 30,000 ids and more during the second half and every send copies it.
        System.out.printf("FIFO sends: first 30k in %d ms, second 30k in %d ms (ratio %.2f)%n", first / 1_000_000,
                second / 1_000_000, (double) second / first);
        assertThat((double) second / first).isLessThanOrEqualTo(1.5);
    }

    @Test
    void aDeduplicationIdSeenWithinFiveMinutesIsDroppedAndEachGroupKeepsItsOrder() {
        String queue = fifoQueue();
        List<String> firstIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            firstIds.add(SQS.sendMessage(r -> r.queueUrl(queue).messageBody("g" + (n % 3) + "-" + n)
                    .messageGroupId("g" + (n % 3)).messageDeduplicationId("id-" + n)).messageId());
        }
        for (int i = 0; i < 30; i += 2) {
            int n = i;
            // the client checks the answer's MD5 against this body: the history keeps no body to answer from
            String repeatId = SQS.sendMessage(r -> r.queueUrl(queue).messageBody("again-" + n).messageGroupId("g" + (n % 3))
                    .messageDeduplicationId("id-" + n)).messageId();
            assertThat(repeatId).as("a repeat is answered with the first send's id").isEqualTo(firstIds.get(n));
        }

        List<String> received = new ArrayList<>();
        for (int empty = 0; empty < 3; ) {
            List<Message> messages = SQS.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
            if (messages.isEmpty()) {
                empty++;
                continue;
            }
            messages.forEach(m -> received.add(m.body()));
            SQS.deleteMessageBatch(r -> r.queueUrl(queue).entries(messages.stream().map(m -> software.amazon.awssdk
                    .services.sqs.model.DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                    .receiptHandle(m.receiptHandle()).build()).toList()));
        }

        assertThat(received).hasSize(30).noneMatch(body -> body.startsWith("again"));
        String afterDelete = SQS.sendMessage(r -> r.queueUrl(queue).messageBody("after-delete").messageGroupId("g0")
                .messageDeduplicationId("id-3")).messageId();
        assertThat(afterDelete).as("still a repeat once the first was received and deleted").isEqualTo(firstIds.get(3));
        assertThat(SQS.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages()).isEmpty();
        for (String group : List.of("g0", "g1", "g2")) {
            List<Integer> order = received.stream().filter(b -> b.startsWith(group + "-"))
                    .map(b -> Integer.parseInt(b.substring(3))).toList();
            assertThat(order).hasSize(10).isSorted();
        }
    }

    /** Sends {@code count} messages with new deduplication ids over 1,000 groups, 8 senders, batches of ten. */
    private static long sendUnique(String queue, int count) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                running.add(senders.submit(() -> {
                    while (next.getAndAdd(10) < count) {
                        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i)).messageBody("{}")
                                    .messageGroupId(String.valueOf(next.get() % 1000 + i))
                                    .messageDeduplicationId(UUID.randomUUID().toString()).build());
                        }
                        assertThat(SQS.sendMessageBatch(r -> r.queueUrl(queue).entries(entries)).failed()).isEmpty();
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        } finally {
            senders.shutdownNow();
        }
        return System.nanoTime() - start;
    }
}
