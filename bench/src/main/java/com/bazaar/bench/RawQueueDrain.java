package com.bazaar.bench;

import com.bazaar.queue.QueueCodec;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The queue server's own receive+delete rate, the yardstick for the worker's drain: a scratch FIFO queue filled with
 * as many movement messages over the run's products, drained by {@code --drain-clients} threads with receives of
 * ten and batch deletes, then deleted.
 */
final class RawQueueDrain {
    private final Map<String, String> options;
    private final BenchTarget target;
    private final QueueCodec codec = new QueueCodec();

    RawQueueDrain(Map<String, String> options, BenchTarget target) {
        this.options = options;
        this.target = target;
    }

    /** @return messages received and deleted per second */
    double measure(int backlog) throws Exception {
        try (SqsClient sqs = LocalSqs.client(options.get("sqs-endpoint"), options.get("region"))) {
            String scratch = sqs.createQueue(r -> r.queueName("bench-raw-" + System.currentTimeMillis() + ".fifo")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            Parallel.run(8, (backlog + 9) / 10, batch -> {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>(10);
                for (int i = 0; i < 10 && batch * 10 + i < backlog; i++) {
                    entries.add(entry(i));
                }
                var failed = sqs.sendMessageBatch(r -> r.queueUrl(scratch).entries(entries)).failed();
                if (!failed.isEmpty()) {
                    throw new IllegalStateException("send failed: " + failed);
                }
            });
            AtomicInteger drained = new AtomicInteger();
            int clients = Integer.parseInt(options.get("drain-clients"));
            long start = System.nanoTime();
            Parallel.run(clients, clients, client -> {
                while (drained.get() < backlog) {
                    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(scratch).maxNumberOfMessages(10)
                            .waitTimeSeconds(1)).messages();
                    if (messages.isEmpty()) {
                        continue;
                    }
                    sqs.deleteMessageBatch(r -> r.queueUrl(scratch).entries(messages.stream().map(m ->
                            DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                                    .build()).toList()));
                    drained.addAndGet(messages.size());
                }
            });
            double rate = backlog / ((System.nanoTime() - start) / 1e9);
            sqs.deleteQueue(r -> r.queueUrl(scratch));
            return rate;
        }
    }

    private SendMessageBatchRequestEntry entry(int index) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean out = random.nextInt(5) == 0;
        var message = new MovementMessage(UUID.randomUUID(), target.store, target.anyProduct(),
                out ? MovementType.OUT : MovementType.IN, out ? 1 + random.nextInt(3) : 1 + random.nextInt(10), null, null,
                "bench", null, null, null);
        return SendMessageBatchRequestEntry.builder().id(String.valueOf(index)).messageBody(codec.encode(message))
                .messageGroupId(message.messageGroupId()).messageDeduplicationId(message.movementId().toString()).build();
    }
}
