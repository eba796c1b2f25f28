package com.bazaar.worker.consumer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An operator's switch that stops the consumer threads from receiving (for database maintenance, say) and tells
 * when none of them holds messages any more.
 */
final class PauseSwitch {
    /** Threads between deciding to poll and having settled what they received; a pause waits for none. */
    private final AtomicInteger polling = new AtomicInteger();
    private volatile boolean paused;

    /**
     * A thread about to poll asks here first. True: it may, and calls {@link #settled()} once it has settled what
     * it received. Counted before the check, so that a pause either sees this thread polling or stops it.
     */
    boolean mayPoll() {
        polling.incrementAndGet();
        if (paused) {
            polling.decrementAndGet();
            return false;
        }
        return true;
    }

    void settled() {
        polling.decrementAndGet();
    }

    /** @return true once no thread holds messages; false if some still did after {@code patience} */
    boolean pause(Duration patience) throws InterruptedException {
        paused = true;
        long deadline = System.nanoTime() + patience.toNanos();
        while (polling.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    void resume() {
        paused = false;
    }

    boolean isPaused() {
        return paused;
    }
}
