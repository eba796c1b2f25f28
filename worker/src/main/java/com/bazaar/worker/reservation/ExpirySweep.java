package com.bazaar.worker.reservation;

import com.bazaar.worker.ledger.LedgerWriter;
import com.bazaar.worker.ledger.LevelKey;
import com.codahale.metrics.Meter;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends holds at their {@code expiresAt} when no message of their product comes along to do it: every
 * {@code interval} it reads the levels of the soonest due holds (no lock) and ends their due holds in a transaction
 * that locks those levels, as a batch of messages would (a batch also ends the due holds of the levels it locks
 * first, so nothing ever counts an expired hold). FIFO queues have no per-message delay, so a timer message is not
 * an option; a sweep under the level lock orders the expiry with that product's other changes, needs no state of its
 * own (a restarted worker finds the overdue holds on its first run), and several workers sweeping at once only wait
 * for each other's locks and find nothing left to end.
 */
public final class ExpirySweep implements Managed, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweep.class);
    /** Holds read per round; a full round sweeps again at once. */
    static final int HOLDS_PER_ROUND = 500;

    private final LedgerWriter ledger;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Meter expired;

    public ExpirySweep(LedgerWriter ledger, ScheduledExecutorService scheduler, Duration interval, Meter expired) {
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.interval = interval;
        this.expired = expired;
    }

    @Override
    public void start() {
        scheduler.scheduleWithFixedDelay(this, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        try {
            Set<LevelKey> due;
            do {
                due = ledger.dueLevels(HOLDS_PER_ROUND);
                if (!due.isEmpty()) {
                    expired.mark(ledger.expire(due));
                }
            } while (due.size() >= HOLDS_PER_ROUND);
        } catch (RuntimeException e) {
            // The next round tries again; a database outage is reported by the health checks.
            LOG.warn("Expiry sweep failed, retrying in {}: {}", interval, e.toString());
        }
    }
}
