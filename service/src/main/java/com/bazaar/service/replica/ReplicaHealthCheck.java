package com.bazaar.service.replica;

import com.bazaar.service.replica.ReplicaRouting.Route;
import com.codahale.metrics.health.HealthCheck;

/**
 * Unhealthy while the replica is bypassed, for operators. Reads then go to the primary, so the service still
 * answers: nothing on the request path consults health checks, and a load balancer should probe /ping, not
 * /healthcheck (which fails while any check fails, this one included).
 */
public class ReplicaHealthCheck extends HealthCheck {
    private final ReplicaMonitor monitor;
    private final String address;

    public ReplicaHealthCheck(ReplicaMonitor monitor, String address) {
        this.monitor = monitor;
        this.address = address;
    }

    @Override
    protected Result check() {
        Route route = monitor.route();
        ResultBuilder result = route.useReplica() ? Result.builder().healthy() : Result.builder().unhealthy();
        return result.withMessage("Read replica at " + address + (route.useReplica() ? ": " : " ") + route.reason())
                .withDetail("lagSeconds", monitor.lagSeconds())
                .build();
    }
}
