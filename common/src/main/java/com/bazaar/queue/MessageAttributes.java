package com.bazaar.queue;

/** The SQS message attributes Bazaar reads and writes beside a movement's body. */
public final class MessageAttributes {
    /** The X-Request-Id of the HTTP request that accepted the movement, for tracing it end to end. */
    public static final String REQUEST_ID = "requestId";
    /** {@value #SOURCE_API} on movements the service enqueued; absent on other producers' messages. */
    public static final String SOURCE = "source";
    public static final String SOURCE_API = "api";
    /** On a dead-lettered message: why it is not a movement. */
    public static final String DEAD_LETTER_REASON = "reason";
    /**
     * On a message that went through the dead-letter queue: the SQS message id it first had, which stays
     * the identity of a movement sent without {@code movementId}, so a redriven copy is not applied twice.
     */
    public static final String ORIGINAL_MESSAGE_ID = "originalMessageId";

    private MessageAttributes() {
    }
}
