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
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

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

    /** What became of a submitted movement, by the response's status; the meter of each is named after it. */
    enum Outcome {
        ACCEPTED("accepted"),
        INVALID("rejected.invalid"),
        UNKNOWN_STORE_OR_PRODUCT("rejected.unknown-store-or-product"),
        QUEUE_UNAVAILABLE("rejected.queue-unavailable"),
        ERROR("rejected.error");

        private final String meter;

        Outcome(String meter) {
            this.meter = "bazaar.service.movements." + meter;
        }

        /** Empty for 401 and 403 (the auth metrics count those) and for anything that is not an outcome. */
        static Optional<Outcome> of(int status) {
            if (status == 202) {
                return Optional.of(ACCEPTED);
            } else if (status == 404) {
                return Optional.of(UNKNOWN_STORE_OR_PRODUCT);
            } else if (status == 503) {
                return Optional.of(QUEUE_UNAVAILABLE);
            } else if (status >= 500) {
                return Optional.of(ERROR);
            } else if (status >= 400 && status != 401 && status != 403) {
                return Optional.of(INVALID);
            }
            return Optional.empty();
        }
    }

    private final Map<Outcome, Meter> meters = new EnumMap<>(Outcome.class);

    public AcceptOutcomeMetrics(MetricRegistry metrics) {
        for (Outcome outcome : Outcome.values()) {
            meters.put(outcome, metrics.meter(outcome.meter));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Outcome.of(response.getStatus()).ifPresent(outcome -> meters.get(outcome).mark());
    }
}
