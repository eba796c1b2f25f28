package com.bazaar.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Batch entries for messages already received: copies to another queue (to the dead-letter queue and back),
 * deletes and visibility changes. Entry ids are the messages' positions in the list given.
 */
public final class QueueBatches {
    /** The FIFO group of a copy whose original had none (it came from a standard queue). */
    private static final String UNGROUPED = "ungrouped";

    private QueueBatches() {
    }

    /**
     * A copy of a received message for {@code target}: the same body, attributes and FIFO group (the message must
     * have been received with {@code MessageGroupId}), its first message id in
     * {@link MessageAttributes#ORIGINAL_MESSAGE_ID}, and {@code deadLetterReason} as
     * {@link MessageAttributes#DEAD_LETTER_REASON}, or no reason when it is null.
     */
    public static SendMessageBatchRequestEntry copy(int position, Message message, QueueUrl target,
                                                    String deduplicationId, String deadLetterReason) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
        attributes.put(MessageAttributes.ORIGINAL_MESSAGE_ID, MessageAttributes.text(MessageAttributes.originalMessageId(message)));
        attributes.remove(MessageAttributes.DEAD_LETTER_REASON);
        if (deadLetterReason != null) {
            attributes.put(MessageAttributes.DEAD_LETTER_REASON, MessageAttributes.text(deadLetterReason));
        }
        var entry = SendMessageBatchRequestEntry.builder().id(String.valueOf(position)).messageBody(message.body())
                .messageAttributes(attributes);
        if (target.isFifo()) {
            String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
            entry.messageGroupId(group != null ? group : UNGROUPED).messageDeduplicationId(deduplicationId);
        }
        return entry.build();
    }

    public static List<DeleteMessageBatchRequestEntry> deletes(List<Message> messages) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                    .receiptHandle(messages.get(i).receiptHandle()).build());
        }
        return entries;
    }

    public static List<ChangeMessageVisibilityBatchRequestEntry> visibilityChanges(List<Message> messages,
                                                                                   ToIntFunction<Message> seconds) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(String.valueOf(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .visibilityTimeout(seconds.applyAsInt(messages.get(i))).build());
        }
        return entries;
    }
}
