package com.bazaar.worker.consumer;

/**
 * Which consumer threads receive now: threads 0 to active - 1, the number following the {@link BatchingRule} after
 * each batch and while batches are stuck. The others stand by without touching the queue until the rule wants them
 * or the consumer stops.
 */
final class ActiveThreads {
    private final BatchingRule rule;
    /** When each thread took its batch (System.nanoTime), 0 while it holds none. */
    private final long[] holdingSince;
    private int active = 1;

    ActiveThreads(BatchingRule rule) {
        this.rule = rule;
        this.holdingSince = new long[rule.threads()];
    }

    synchronized boolean includes(int thread) {
        return thread < active;
    }

    synchronized int count() {
        return active;
    }

    synchronized void holding(int thread) {
        holdingSince[thread] = System.nanoTime();
    }

    synchronized void afterBatch(int thread, int batchSize) {
        holdingSince[thread] = 0;
        setActive(rule.activeAfter(active, batchSize));
    }

    /**
     * Waits up to {@code millis} for {@code thread} to be wanted, or for {@link #wakeAll}; then, if every active
     * thread is stuck in its batch, brings one more in.
     */
    synchronized void standBy(int thread, long millis) throws InterruptedException {
        if (thread >= active) {
            wait(millis);
        }
        long now = System.nanoTime();
        int stalled = 0;
        for (int i = 0; i < active; i++) {
            if (holdingSince[i] != 0 && now - holdingSince[i] > BatchingRule.STALL_MILLIS * 1_000_000) {
                stalled++;
            }
        }
        setActive(rule.activeWhileStalled(active, stalled));
    }

    synchronized void wakeAll() {
        notifyAll();
    }

    private void setActive(int next) {
        if (next > active) {
            notifyAll();
        }
        active = next;
    }
}
