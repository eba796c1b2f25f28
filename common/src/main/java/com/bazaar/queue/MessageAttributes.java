package com.bazaar.queue;

import java.time.Instant;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The SQS message attributes Bazaar reads and writes beside a movement's body, and how to read them. */
public final class MessageAttributes {
    /** The X-Request-Id of the HTTP request that accepted the movement, for tracing it end to end. */
    public static final String REQUEST_ID = "requestId";
    /** {@code api} ({@link com.bazaar.movement.MovementSource#API}) on movements the service enqueued; absent on
     * other producers' messages. */
    public static final String SOURCE = "source";
    /** On a dead-lettered message: why it is not a movement. */
    public static final String DEAD_LETTER_REASON = "reason";
    /**
     * On a message that went through the dead-letter queue: the SQS message id it first had, which stays
     * the identity of a movement sent without {@code movementId}, so a redriven copy is not applied twice.
     */
    public static final String ORIGINAL_MESSAGE_ID = "originalMessageId";

    private MessageAttributes() {
    }

    public static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** A String attribute of a received message, or null if it has none of that name. */
    public static String read(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    /** The id SQS gave the message first: its own, unless it is a copy made through the dead-letter queue. */
    public static String originalMessageId(Message message) {
        String original = read(message, ORIGINAL_MESSAGE_ID);
        return original != null ? original : message.messageId();
    }

    /** When SQS received the message; it must have been received with {@code SentTimestamp}. */
    public static Instant sentAt(Message message) {
        return Instant.ofEpochMilli(Long.parseLong(message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)));
    }
}
