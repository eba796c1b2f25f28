package com.bazaar.worker.consumer;

import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The database could not take a batch (no stack trace): the consumer keeps the batch's messages hidden and tries
 * them again once it is back, so that an outage spends no receive of theirs ({@link #held()}).
 */
final class DatabaseUnavailable extends RuntimeException {
    private final List<Message> held;

    /** @param why what the database said, for the log */
    DatabaseUnavailable(List<Message> held, String why) {
        super(why, null, false, false);
        this.held = List.copyOf(held);
    }

    List<Message> held() {
        return held;
    }
}
