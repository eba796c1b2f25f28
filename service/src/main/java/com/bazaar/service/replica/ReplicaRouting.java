package com.bazaar.service.replica;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Whether reads may go to the replica, given its last probe: the rule, without the I/O. */
public final class ReplicaRouting {
    /** A probe this many intervals old is no evidence: the replica may hang. */
    static final int STALE_AFTER_INTERVALS = 3;

    private ReplicaRouting() {
    }

    /** @param reason what the health check says either way */
    public record Route(boolean useReplica, String reason) {
    }

    /** @param last the latest probe, null before the first */
    public static Route decide(ReplicaProbe last, Instant now, Duration maxLag, Duration probeInterval) {
        if (last == null) {
            return bypass("not probed yet");
        }
        Duration age = Duration.between(last.at(), now);
        if (age.compareTo(probeInterval.multipliedBy(STALE_AFTER_INTERVALS)) > 0) {
            return bypass("no answer to the probe for " + seconds(age));
        }
        if (last.error() != null) {
            return bypass("unreachable: " + last.error());
        }
        if (!last.inRecovery()) {
            return bypass("not a standby (pg_is_in_recovery() is false), so it may not follow the primary");
        }
        if (!last.receiving()) {
            return bypass("not receiving WAL from the primary (no WAL receiver), so its lag cannot be known");
        }
        var lag = last.lag();
        if (lag.isEmpty()) {
            return bypass("WAL waits to be replayed and no transaction has been replayed yet, so its lag cannot be known");
        }
        if (lag.get().compareTo(maxLag) > 0) {
            return bypass("lagging " + seconds(lag.get()) + " behind the primary, over the bound of " + seconds(maxLag));
        }
        return new Route(true, "streaming, " + seconds(lag.get()) + " behind the primary (bound " + seconds(maxLag) + ")");
    }

    private static Route bypass(String why) {
        return new Route(false, "bypassed, reads go to the primary: " + why);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
