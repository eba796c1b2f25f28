package com.bazaar.worker.deadletter;

import com.bazaar.queue.MessageAttributes;
import com.bazaar.queue.QueueUrl;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code POST /tasks/dlq-summary}: how many messages the dead-letter queue holds and a sample of up to ten
 * with why they are there, as JSON. The sample is received with a visibility timeout of 0, so it hides
 * nothing from a redrive.
 */
public class DeadLetterSummaryTask extends Task {
    private static final int SAMPLE = 10;
    private static final String NO_REASON = "none recorded: SQS moved it after it failed "
            + "maxReceiveCount times; search the worker log for its originalMessageId or messageId";

    private final SqsClient sqs;
    private final QueueUrl deadLetterQueue;
    private final ObjectMapper json;

    public DeadLetterSummaryTask(SqsClient sqs, QueueUrl deadLetterQueue, ObjectMapper json) {
        super("dlq-summary");
        this.sqs = sqs;
        this.deadLetterQueue = deadLetterQueue;
        this.json = json;
    }

    record Summary(String queue, long approximateMessages, long approximateInFlight, Instant oldestSampled,
                   List<DeadLetter> sample) {
    }

    record DeadLetter(String messageId, String originalMessageId, Instant sentAt, String reason, String requestId,
                      String body) {
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(deadLetterQueue.get())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        List<DeadLetter> sample = sqs.receiveMessage(r -> r.queueUrl(deadLetterQueue.get())
                        .maxNumberOfMessages(SAMPLE).visibilityTimeout(0).waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)
                        .messageAttributeNames("All"))
                .messages().stream().map(DeadLetterSummaryTask::describe)
                .sorted(Comparator.comparing(DeadLetter::sentAt)).toList();
        var summary = new Summary(deadLetterQueue.name(),
                Long.parseLong(counts.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                Long.parseLong(counts.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")),
                sample.isEmpty() ? null : sample.get(0).sentAt(), sample);
        output.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    }

    private static DeadLetter describe(Message message) {
        String reason = MessageAttributes.read(message, MessageAttributes.DEAD_LETTER_REASON);
        return new DeadLetter(message.messageId(), MessageAttributes.read(message, MessageAttributes.ORIGINAL_MESSAGE_ID),
                MessageAttributes.sentAt(message), reason != null ? reason : NO_REASON,
                MessageAttributes.read(message, MessageAttributes.REQUEST_ID), message.body());
    }
}
