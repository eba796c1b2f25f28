package com.bazaar.bench;

import java.sql.SQLException;
import java.time.Duration;

/** How the chaos run waits: for a condition to hold, or for a send to go through, polling with short pauses. */
final class Waiting {
    private Waiting() {
    }

    interface Action {
        void run() throws Exception;
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(String what, Duration timeout, Condition condition) throws Exception {
        if (!within(timeout, condition)) {
            throw new IllegalStateException("timed out after " + timeout + " waiting until " + what);
        }
    }

    /** Whether {@code condition} holds within {@code timeout}, asked every 250 ms. */
    static boolean within(Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.holds()) {
                    return true;
                }
            } catch (SQLException | RuntimeException e) {
                // not yet: the process or database is still coming up
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(Duration.ofMillis(250));
        }
    }

    /** Runs {@code send} until it does not throw (the queue is down for a while in one phase). */
    static void retry(Action send) throws Exception {
        while (true) {
            try {
                send.run();
                return;
            } catch (RuntimeException e) {
                pause(Duration.ofMillis(500));
            }
        }
    }

    static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
