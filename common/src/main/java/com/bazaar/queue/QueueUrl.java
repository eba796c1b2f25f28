package com.bazaar.queue;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A queue's URL, looked up by name on first use and kept: it never changes, and looking it up lazily
 * lets a process start while the queue is unreachable (its health check says so).
 */
public final class QueueUrl {
    private final SqsClient sqs;
    private final String name;
    private volatile String url;

    public QueueUrl(SqsClient sqs, String name) {
        this.sqs = sqs;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** FIFO queues need a message group and deduplication id on every send; standard queues refuse them. */
    public boolean isFifo() {
        return name.endsWith(".fifo");
    }

    public String get() {
        String known = url;
        if (known == null) {
            known = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
            url = known;
        }
        return known;
    }
}
