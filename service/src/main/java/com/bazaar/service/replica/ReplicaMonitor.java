package com.bazaar.service.replica;

import com.bazaar.db.Databases;
import com.bazaar.service.replica.ReplicaRouting.Route;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the replica in the background, so that choosing where a read goes costs no round trip: it keeps the
 * last probe, and {@link #route()} applies {@link ReplicaRouting} to it.
 */
public final class ReplicaMonitor implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaMonitor.class);
    private static final String PROBE = """
            SELECT pg_is_in_recovery() AS in_recovery,
                   EXISTS (SELECT 1 FROM pg_stat_wal_receiver) AS receiving,
                   COALESCE(pg_last_wal_replay_lsn() >= pg_last_wal_receive_lsn(), false) AS caught_up,
                   EXTRACT(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS seconds_since_replayed_commit
            """;

    private final Jdbi replica;
    private final Duration maxLag;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicReference<ReplicaProbe> last = new AtomicReference<>();
    private volatile boolean usedReplica;

    public ReplicaMonitor(Jdbi replica, ReadDatabaseConfiguration configuration, Clock clock,
                          ScheduledExecutorService executor) {
        this.replica = replica;
        this.maxLag = configuration.getMaxLag().toJavaDuration();
        this.interval = configuration.getProbeInterval().toJavaDuration();
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    public void start() {
        executor.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Route route() {
        return ReplicaRouting.decide(last.get(), clock.instant(), maxLag, interval);
    }

    /** A read failed on the replica: bypass it until a probe finds it well again. */
    public void failed(RuntimeException e) {
        last.set(ReplicaProbe.failed(clock.instant(), Databases.rootMessage(e)));
        logChange();
    }

    /** The lag of the last probe in seconds, NaN while it is unknown (unreachable, say). */
    public double lagSeconds() {
        ReplicaProbe probe = last.get();
        return probe == null ? Double.NaN : probe.lag().map(lag -> lag.toNanos() / 1e9).orElse(Double.NaN);
    }

    void probe() {
        ReplicaProbe probe;
        try {
            probe = replica.withHandle(handle -> handle.createQuery(PROBE)
                    .setQueryTimeout((int) Math.max(1, interval.multipliedBy(ReplicaRouting.STALE_AFTER_INTERVALS).toSeconds()))
                    .map((row, context) -> new ReplicaProbe(clock.instant(), null, row.getBoolean("in_recovery"),
                            row.getBoolean("receiving"), row.getBoolean("caught_up"),
                            (Double) row.getObject("seconds_since_replayed_commit")))
                    .one());
        } catch (RuntimeException e) {
            probe = ReplicaProbe.failed(clock.instant(), Databases.rootMessage(e));
        }
        last.set(probe);
        logChange();
    }

    private void logChange() {
        Route route = route();
        if (route.useReplica() != usedReplica) {
            usedReplica = route.useReplica();
            if (route.useReplica()) {
                LOG.info("Read replica in use: {}", route.reason());
            } else {
                LOG.warn("Read replica {}", route.reason());
            }
        }
    }
}
