package com.bazaar.worker.deadletter;

import com.bazaar.queue.MessageAttributes;
import com.bazaar.queue.QueueBatches;
import com.bazaar.queue.QueueUrl;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@code POST /tasks/redrive-dlq[?max=N]}: moves dead letters back to the main queue, ten at a time: as many as
 * the dead-letter queue held when the task started (at most N). A message that is dead-lettered again while the
 * task runs (one that is still not a movement) comes back with the same first message id and ends the run, so
 * the task never chases its own tail. A message is deleted from the dead-letter queue only after the main queue
 * has it. Each copy keeps its body and attributes (less the dead-letter reason) and carries its first message
 * id, so a movement identified by it is still applied at most once.
 */
public class RedriveDeadLettersTask extends Task {
    private static final Logger LOG = LoggerFactory.getLogger(RedriveDeadLettersTask.class);
    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final QueueUrl queue;
    private final QueueUrl deadLetterQueue;
    private final ObjectMapper json;

    public RedriveDeadLettersTask(SqsClient sqs, QueueUrl queue, QueueUrl deadLetterQueue, ObjectMapper json) {
        super("redrive-dlq");
        this.sqs = sqs;
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
        this.json = json;
    }

    record Result(String from, String to, int moved, List<String> failures) {
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        long held = Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(deadLetterQueue.get())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
        long max = Math.min(held, parameters.getOrDefault("max", List.of()).stream().findFirst()
                .map(Long::parseLong).orElse(Long.MAX_VALUE));
        int moved = 0;
        Set<String> movedIds = new HashSet<>();
        List<String> failures = new ArrayList<>();
        while (moved < max && failures.isEmpty()) {
            int wanted = (int) Math.min(BATCH, max - moved);
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(deadLetterQueue.get())
                    .maxNumberOfMessages(wanted).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)
                    .messageAttributeNames("All")).messages();
            List<Message> batch = received.stream().filter(message -> !movedIds.contains(MessageAttributes.originalMessageId(message))).toList();
            if (batch.isEmpty()) {
                release(received);
                break;
            }
            List<Message> sent = send(batch, failures);
            delete(sent, failures);
            sent.forEach(message -> movedIds.add(MessageAttributes.originalMessageId(message)));
            moved += sent.size();
            if (batch.size() < received.size()) {
                release(received.stream().filter(message -> !batch.contains(message)).toList());
                break;
            }
        }
        LOG.info("Redrove {} messages from {} to {}", moved, deadLetterQueue.name(), queue.name());
        output.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(
                new Result(deadLetterQueue.name(), queue.name(), moved, failures)));
    }

    private List<Message> send(List<Message> batch, List<String> failures) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            // A fresh deduplication id: the original one may still be inside SQS's five-minute window.
            entries.add(QueueBatches.copy(i, batch.get(i), queue, "redrive-" + batch.get(i).messageId(), null));
        }
        var response = sqs.sendMessageBatch(r -> r.queueUrl(queue.get()).entries(entries));
        response.failed().forEach(failure -> failures.add(describe("send", failure)));
        return response.successful().stream().map(ok -> batch.get(Integer.parseInt(ok.id()))).toList();
    }

    private void delete(List<Message> sent, List<String> failures) {
        if (sent.isEmpty()) {
            return;
        }
        // A copy whose delete fails stays on the dead-letter queue too; if redriven again, the worker skips it.
        sqs.deleteMessageBatch(r -> r.queueUrl(deadLetterQueue.get()).entries(QueueBatches.deletes(sent))).failed()
                .forEach(failure -> failures.add(describe("delete", failure)));
    }

    /** Makes messages this run will not move visible again at once, rather than after the visibility timeout. */
    private void release(List<Message> messages) {
        if (!messages.isEmpty()) {
            sqs.changeMessageVisibilityBatch(r -> r.queueUrl(deadLetterQueue.get())
                    .entries(QueueBatches.visibilityChanges(messages, message -> 0)));
        }
    }

    private static String describe(String action, BatchResultErrorEntry failure) {
        return action + " of entry " + failure.id() + " failed: " + failure.code() + " " + failure.message();
    }
}
