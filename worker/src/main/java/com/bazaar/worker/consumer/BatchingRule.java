package com.bazaar.worker.consumer;

/**
 * How full a consumer thread's transaction gets and how many threads receive, decided from what the receives found.
 * A worker that keeps up would otherwise spread the flow over all its threads and commit every movement or two on
 * its own; with this, one thread takes the flow while it can, lingers a moment to fill a partial batch, and another
 * joins only while batches come back full (a backlog), so transactions are full at any rate the worker keeps up with,
 * or while every active thread is stuck in a batch, so that one slow transaction never holds up the rest of the queue.
 *
 * @param threads                the most threads that receive at once
 * @param messagesPerTransaction a full batch
 * @param lingerMillis           how long a thread whose receive found a partial batch waits before taking more
 */
record BatchingRule(int threads, int messagesPerTransaction, long lingerMillis) {
    /** A batch held longer than this (a lock wait, a slow database) no longer counts as taking the flow. */
    static final long STALL_MILLIS = 1000;

    static BatchingRule of(ConsumerConfiguration config) {
        return new BatchingRule(config.getThreads(), config.getMessagesPerTransaction(),
                config.getLinger().toMilliseconds());
    }

    /** After a receive found {@code received} messages: wait this long, then take more; 0: apply them now. */
    long lingerMillis(int received) {
        return received > 0 && received < messagesPerTransaction ? lingerMillis : 0;
    }

    /**
     * The threads that receive after a thread's batch of {@code batchSize}: one more after a full batch (the queue
     * holds more than the active ones take), one fewer after a batch less than half full (they take more than
     * arrives), never fewer than one nor more than {@link #threads}.
     */
    int activeAfter(int active, int batchSize) {
        if (batchSize >= messagesPerTransaction) {
            return Math.min(threads, active + 1);
        }
        if (batchSize * 2 < messagesPerTransaction) {
            return Math.max(1, active - 1);
        }
        return active;
    }

    /**
     * The threads that receive while {@code stalled} of the {@code active} ones have held their batch longer than
     * {@link #STALL_MILLIS}: one more when all of them have (nothing else would take the queue), else as many.
     */
    int activeWhileStalled(int active, int stalled) {
        return stalled >= active ? Math.min(threads, active + 1) : active;
    }
}
