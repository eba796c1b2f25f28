package com.bazaar.service.movement;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts what became of each movement submitted over HTTP, from the response of the method marked
 * {@link Metered}: mapped errors (a body that is not JSON, a failed validation) count too, although they
 * never reach the method. Authentication and role failures are counted by the auth metrics instead.
 */
public class AcceptOutcomeMetrics implements ContainerResponseFilter {
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Metered {
    }

    private final Meter accepted;
    private final Meter invalid;
    private final Meter unknown;
    private final Meter queueUnavailable;
    private final Meter failed;

    public AcceptOutcomeMetrics(MetricRegistry metrics) {
        this.accepted = metrics.meter("bazaar.service.movements.accepted");
        this.invalid = metrics.meter("bazaar.service.movements.rejected.invalid");
        this.unknown = metrics.meter("bazaar.service.movements.rejected.unknown-store-or-product");
        this.queueUnavailable = metrics.meter("bazaar.service.movements.rejected.queue-unavailable");
        this.failed = metrics.meter("bazaar.service.movements.rejected.error");
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status == 202) {
            accepted.mark();
        } else if (status == 404) {
            unknown.mark();
        } else if (status == 503) {
            queueUnavailable.mark();
        } else if (status >= 500) {
            failed.mark();
        } else if (status >= 400 && status != 401 && status != 403) {
            invalid.mark();
        }
    }
}
