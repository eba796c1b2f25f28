package com.bazaar.queue;

import com.codahale.metrics.health.HealthCheck;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Healthy when the queue answers GetQueueAttributes; reports its approximate depth. */
public class QueueHealthCheck extends HealthCheck {
    private final SqsClient sqs;
    private final QueueUrl queue;

    public QueueHealthCheck(SqsClient sqs, QueueUrl queue) {
        this.sqs = sqs;
        this.queue = queue;
    }

    @Override
    protected Result check() {
        try {
            String depth = sqs.getQueueAttributes(r -> r.queueUrl(queue.get())
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            return Result.healthy("queue %s reachable, about %s messages waiting", queue.name(), depth);
        } catch (RuntimeException e) {
            return Result.unhealthy("queue %s unreachable: %s. Check that SQS answers at the configured endpoint "
                    + "(SQS_ENDPOINT), the credentials and that the queue exists", queue.name(), e.getMessage());
        }
    }
}
