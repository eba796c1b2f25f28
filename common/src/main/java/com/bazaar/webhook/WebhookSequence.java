package com.bazaar.webhook;

/**
 * An event's {@code sequence}: its feed entry's number times 4 plus the event's slot, so the events of one entry
 * (a change and the stock.low it caused, say) each have their own place, in a fixed order, and every subscription's
 * events increase with the feed. A subscription's position is the sequence of the last event it has delivered or
 * passed over.
 */
public final class WebhookSequence {
    /** Events one feed entry can give, at most. */
    public static final int SLOTS = 4;

    private WebhookSequence() {
    }

    public static long of(long feedSeq, WebhookEvent event) {
        return feedSeq * SLOTS + event.slot();
    }

    /** The position past every event of the feed entries up to {@code feedSeq}. */
    public static long pastEntry(long feedSeq) {
        return feedSeq * SLOTS + SLOTS - 1;
    }

    /** The feed entry the event at {@code sequence} comes from. */
    public static long feedSeq(long sequence) {
        return Math.floorDiv(sequence, SLOTS);
    }
}
