package com.bazaar.worker.consumer;

import com.bazaar.queue.QueueBatches;
import com.bazaar.queue.QueueUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The movement queue and its dead-letter queue as the consumer uses them: the only class of the consumer that
 * speaks SQS. Every call takes at most ten messages per request, as SQS allows, and splits longer lists.
 */
public class MovementQueue {
    private static final Logger LOG = LoggerFactory.getLogger(MovementQueue.class);
    static final int MAX_PER_REQUEST = 10;
    private static final int MAX_REASON_LENGTH = 1000;

    private final SqsClient sqs;
    private final QueueUrl queue;
    private final QueueUrl deadLetterQueue;

    public MovementQueue(SqsClient sqs, QueueUrl queue, QueueUrl deadLetterQueue) {
        this.sqs = sqs;
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
    }

    /**
     * Up to {@code max} messages, hidden for {@code visibility}: the first request waits up to {@code wait} for
     * messages; while each request comes back full, more are taken without waiting. On a FIFO queue SQS hands
     * out no message of a group that has one in flight, so messages taken together keep their group's order.
     */
    public List<Message> receive(int max, Duration wait, Duration visibility) {
        List<Message> messages = new ArrayList<>();
        while (messages.size() < max) {
            int asked = Math.min(max - messages.size(), MAX_PER_REQUEST);
            List<Message> received = receiveOnce(asked, messages.isEmpty() ? wait : Duration.ZERO, visibility);
            messages.addAll(received);
            if (received.size() < asked) {
                break;
            }
        }
        return messages;
    }

    private List<Message> receiveOnce(int max, Duration wait, Duration visibility) {
        return sqs.receiveMessage(r -> r.queueUrl(queue.get())
                .maxNumberOfMessages(max)
                .waitTimeSeconds((int) wait.toSeconds())
                .visibilityTimeout((int) visibility.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, MessageSystemAttributeName.MESSAGE_GROUP_ID)
                .messageAttributeNames("All")).messages();
    }

    /** Deletes; a message whose delete fails comes back later and is skipped as a duplicate. */
    public void delete(List<Message> messages) {
        for (List<Message> chunk : chunks(messages)) {
            logFailures("delete", sqs.deleteMessageBatch(r -> r.queueUrl(queue.get())
                    .entries(QueueBatches.deletes(chunk))).failed());
        }
    }

    /**
     * Copies each message to the dead-letter queue with its reason as an attribute.
     *
     * @return the messages now safely on the dead-letter queue, to be deleted from the movement queue
     */
    public List<Message> deadLetter(Map<Message, String> reasons) {
        List<Message> moved = new ArrayList<>();
        for (List<Message> chunk : chunks(List.copyOf(reasons.keySet()))) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                Message message = chunk.get(i);
                String reason = reasons.get(message);
                entries.add(QueueBatches.copy(i, message, deadLetterQueue, message.messageId(),
                        reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason));
            }
            var response = sqs.sendMessageBatch(r -> r.queueUrl(deadLetterQueue.get()).entries(entries));
            logFailures("dead-letter", response.failed());
            response.successful().forEach(ok -> moved.add(chunk.get(Integer.parseInt(ok.id()))));
        }
        return moved;
    }

    /** Hides messages for the seconds given, so that they come back later; best effort. */
    public void delay(List<Message> messages, ToIntFunction<Message> seconds) {
        try {
            for (List<Message> chunk : chunks(messages)) {
                logFailures("change visibility", sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queue.get())
                        .entries(QueueBatches.visibilityChanges(chunk, seconds))).failed());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not delay {} messages; they return after the visibility timeout: {}",
                    messages.size(), e.toString());
        }
    }

    private static List<List<Message>> chunks(List<Message> messages) {
        List<List<Message>> chunks = new ArrayList<>();
        for (int i = 0; i < messages.size(); i += MAX_PER_REQUEST) {
            chunks.add(messages.subList(i, Math.min(i + MAX_PER_REQUEST, messages.size())));
        }
        return chunks;
    }

    private static void logFailures(String action, List<BatchResultErrorEntry> failed) {
        for (BatchResultErrorEntry failure : failed) {
            LOG.warn("SQS {} failed for entry {}: {} {}", action, failure.id(), failure.code(), failure.message());
        }
    }
}
