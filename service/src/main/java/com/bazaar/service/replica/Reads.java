package com.bazaar.service.replica;

import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a DAO's read-only queries on the replica while it is usable, otherwise on the primary. A query that fails
 * on the replica is asked again of the primary (and the replica bypassed until the next probe finds it well), so a
 * replica going away is never an error for the client.
 */
public final class Reads<D> {
    private static final Logger LOG = LoggerFactory.getLogger(Reads.class);

    private final D primary;
    private final D replica;
    private final ReplicaMonitor monitor;

    /** Every read on the one database there is. */
    public static <D> Reads<D> primaryOnly(D primary) {
        return new Reads<>(primary, primary, null);
    }

    /** @param monitor null without a replica */
    Reads(D primary, D replica, ReplicaMonitor monitor) {
        this.primary = primary;
        this.replica = replica;
        this.monitor = monitor;
    }

    public <T> T read(Function<D, T> query) {
        return usesReplica() ? onReplica(query) : query.apply(primary);
    }

    /**
     * A lookup by id: a miss on the replica is asked again of the primary, so that a client reading what it just
     * created finds it (read your writes).
     */
    public <T> Optional<T> find(Function<D, Optional<T>> query) {
        if (!usesReplica()) {
            return query.apply(primary);
        }
        Optional<T> found = onReplica(query);
        return found.isPresent() ? found : query.apply(primary);
    }

    private boolean usesReplica() {
        return monitor != null && monitor.route().useReplica();
    }

    private <T> T onReplica(Function<D, T> query) {
        try {
            return query.apply(replica);
        } catch (JdbiException e) {
            LOG.warn("A read failed on the replica, asking the primary: {}", e.toString());
            monitor.failed(e);
            return query.apply(primary);
        }
    }
}
