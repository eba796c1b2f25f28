package com.bazaar.service.replica;

import org.jdbi.v3.core.Jdbi;

/** Where reads go: the replica while its monitor says it is usable, the primary otherwise or without a replica. */
public final class ReadDatabase {
    private final Jdbi primary;
    private final Jdbi replica;
    private final ReplicaMonitor monitor;

    private ReadDatabase(Jdbi primary, Jdbi replica, ReplicaMonitor monitor) {
        this.primary = primary;
        this.replica = replica;
        this.monitor = monitor;
    }

    public static ReadDatabase primaryOnly(Jdbi primary) {
        return new ReadDatabase(primary, null, null);
    }

    public static ReadDatabase withReplica(Jdbi primary, Jdbi replica, ReplicaMonitor monitor) {
        return new ReadDatabase(primary, replica, monitor);
    }

    /** A read-only DAO of both databases, for the reads that may be a little stale. */
    public <D> Reads<D> onDemand(Class<D> dao) {
        D onPrimary = primary.onDemand(dao);
        return replica == null ? Reads.primaryOnly(onPrimary) : new Reads<>(onPrimary, replica.onDemand(dao), monitor);
    }
}
