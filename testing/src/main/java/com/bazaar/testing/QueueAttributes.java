package com.bazaar.testing;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Message attributes as a producer sets them (a request id, a dead-lettered message's original id). */
public final class QueueAttributes {
    private QueueAttributes() {
    }

    public static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
