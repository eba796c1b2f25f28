package com.bazaar.worker.consumer;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What to do with each message of a handled batch: delete it (its effects are committed), move it to the
 * dead-letter queue (with the reason), or leave it on the queue to be retried later.
 */
public record Disposition(List<Message> delete, Map<Message, String> deadLetter, List<Message> retry) {
}
