package com.bazaar.worker.deadletter;

import com.bazaar.queue.MessageAttributes;
import com.bazaar.queue.QueueUrl;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@code POST /tasks/redrive-dlq[?max=N]}: moves dead letters back to the main queue, ten at a time, until the
 * dead-letter queue is empty or N have moved. A message is deleted from the dead-letter queue only after the
 * main queue has it. Each copy keeps its body and attributes (less the dead-letter reason) and carries its
 * first message id, so a movement identified by it is still applied at most once.
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
        int max = parameters.getOrDefault("max", List.of()).stream().findFirst().map(Integer::parseInt).orElse(Integer.MAX_VALUE);
        int moved = 0;
        List<String> failures = new ArrayList<>();
        while (moved < max && failures.isEmpty()) {
            int wanted = Math.min(BATCH, max - moved);
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(deadLetterQueue.get())
                    .maxNumberOfMessages(wanted).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                break;
            }
            List<Message> sent = send(batch, failures);
            delete(sent, failures);
            moved += sent.size();
        }
        LOG.info("Redrove {} messages from {} to {}", moved, deadLetterQueue.name(), queue.name());
        output.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(
                new Result(deadLetterQueue.name(), queue.name(), moved, failures)));
    }

    private List<Message> send(List<Message> batch, List<String> failures) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Message message = batch.get(i);
            Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
            attributes.remove(MessageAttributes.DEAD_LETTER_REASON);
            attributes.putIfAbsent(MessageAttributes.ORIGINAL_MESSAGE_ID,
                    MessageAttributeValue.builder().dataType("String").stringValue(message.messageId()).build());
            var entry = SendMessageBatchRequestEntry.builder().id(String.valueOf(i)).messageBody(message.body())
                    .messageAttributes(attributes);
            if (queue.isFifo()) {
                String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                // A fresh deduplication id: the original one may still be inside SQS's five-minute window.
                entry.messageGroupId(group != null ? group : "redriven").messageDeduplicationId("redrive-" + message.messageId());
            }
            entries.add(entry.build());
        }
        var response = sqs.sendMessageBatch(r -> r.queueUrl(queue.get()).entries(entries));
        response.failed().forEach(failure -> failures.add(describe("send", failure)));
        return response.successful().stream().map(ok -> batch.get(Integer.parseInt(ok.id()))).toList();
    }

    private void delete(List<Message> sent, List<String> failures) {
        if (sent.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i)).receiptHandle(sent.get(i).receiptHandle()).build());
        }
        // A copy whose delete fails stays on the dead-letter queue too; if redriven again, the worker skips it.
        sqs.deleteMessageBatch(r -> r.queueUrl(deadLetterQueue.get()).entries(entries)).failed()
                .forEach(failure -> failures.add(describe("delete", failure)));
    }

    private static String describe(String action, BatchResultErrorEntry failure) {
        return action + " of entry " + failure.id() + " failed: " + failure.code() + " " + failure.message();
    }
}
