package com.bazaar.worker.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;

class ConsumerConfigurationTest {
    @Test
    void theBackoffDoublesFromTheFirstPauseUpToTheMaximum() {
        var config = new ConsumerConfiguration();
        config.setRetryBackoff(Duration.seconds(1));
        config.setMaxRetryBackoff(Duration.seconds(60));

        assertThat(new long[] {config.backoffSeconds(1), config.backoffSeconds(2), config.backoffSeconds(3),
                config.backoffSeconds(7), config.backoffSeconds(100)}).containsExactly(1, 2, 4, 60, 60);
    }
}
