package com.bazaar.service.movement;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.movement.AcceptOutcomeMetrics.Outcome;
import com.codahale.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

class AcceptOutcomeMetricsTest {
    @Test
    void eachStatusCountsAsItsOutcome() {
        assertThat(Outcome.of(202)).hasValue(Outcome.ACCEPTED);
        assertThat(Outcome.of(400)).hasValue(Outcome.INVALID);
        assertThat(Outcome.of(415)).hasValue(Outcome.INVALID);
        assertThat(Outcome.of(404)).hasValue(Outcome.UNKNOWN_STORE_OR_PRODUCT);
        assertThat(Outcome.of(503)).hasValue(Outcome.QUEUE_UNAVAILABLE);
        assertThat(Outcome.of(500)).hasValue(Outcome.ERROR);
    }

    @Test
    void authFailuresAndSuccessesThatAreNotAcceptsAreNoOutcome() {
        assertThat(Outcome.of(401)).isEmpty();
        assertThat(Outcome.of(403)).isEmpty();
        assertThat(Outcome.of(200)).isEmpty();
    }

    @Test
    void theMetersKeepTheirPublishedNames() {
        MetricRegistry metrics = new MetricRegistry();
        new AcceptOutcomeMetrics(metrics);

        assertThat(metrics.getMeters().keySet()).containsExactlyInAnyOrder(
                "bazaar.service.movements.accepted",
                "bazaar.service.movements.rejected.invalid",
                "bazaar.service.movements.rejected.unknown-store-or-product",
                "bazaar.service.movements.rejected.queue-unavailable",
                "bazaar.service.movements.rejected.error");
    }
}
