package com.bazaar.queue;

import com.codahale.metrics.health.HealthCheck;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Healthy when the queue answers GetQueueAttributes; reports its approximate depth. */
public class QueueHealthCheck extends HealthCheck {
    private final SqsClient sqs;
    private final String queueName;
    private volatile String queueUrl;

    public QueueHealthCheck(SqsClient sqs, String queueName) {
        this.sqs = sqs;
        this.queueName = queueName;
    }

    @Override
    protected Result check() {
        try {
            String url = queueUrl();
            String depth = sqs.getQueueAttributes(r -> r.queueUrl(url)
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            return Result.healthy("queue %s reachable, about %s messages waiting", queueName, depth);
        } catch (RuntimeException e) {
            return Result.unhealthy("queue %s unreachable: %s", queueName, e.getMessage());
        }
    }

    /** A queue's URL never changes, so it is looked up once, on the first check that reaches SQS. */
    private String queueUrl() {
        if (queueUrl == null) {
            queueUrl = sqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
        }
        return queueUrl;
    }
}
