package com.bazaar.queue;

/** A body on the movements queue: a stock movement or a message about a hold, ordered in its product's group. */
public interface QueueMessage {
    /** The FIFO queue's message group: one per store and product, so their changes stay in order. */
    String messageGroupId();

    /** What SQS deduplicates repeats on (within five minutes; the worker's unique ids cover any repeat after). */
    String deduplicationId();
}
