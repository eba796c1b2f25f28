package com.bazaar.worker.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** When each consumer thread last polled the queue and what it does now: what consumer liveness reads. */
final class ThreadActivity {
    private final AtomicLongArray lastPolls;
    private final AtomicReferenceArray<String> doing;

    ThreadActivity(int threads) {
        lastPolls = new AtomicLongArray(threads);
        doing = new AtomicReferenceArray<>(threads);
        for (int i = 0; i < threads; i++) {
            lastPolls.set(i, System.nanoTime());
            doing.set(i, "not started");
        }
    }

    /** A poll, or a tick of a paused thread, which is alive too. */
    void polling(int thread) {
        lastPolls.set(thread, System.nanoTime());
    }

    void doing(int thread, String what) {
        doing.set(thread, what);
    }

    /** The threads that have not polled within {@code bound}, each with what it is doing instead. */
    List<String> stalled(Duration bound) {
        List<String> stalled = new ArrayList<>();
        long now = System.nanoTime();
        for (int i = 0; i < lastPolls.length(); i++) {
            long silent = now - lastPolls.get(i);
            if (silent > bound.toNanos()) {
                stalled.add("thread %d silent for %d s (%s)".formatted(i, TimeUnit.NANOSECONDS.toSeconds(silent), doing.get(i)));
            }
        }
        return stalled;
    }
}
