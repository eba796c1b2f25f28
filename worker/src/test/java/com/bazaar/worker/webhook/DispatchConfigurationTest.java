package com.bazaar.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;

class DispatchConfigurationTest {
    @Test
    void pollsThatFindNothingDueDoubleTheirPauseUpToTheLongest() {
        var settings = new DispatchConfiguration();
        settings.setPollInterval(Duration.milliseconds(200));
        settings.setMaxPollInterval(Duration.seconds(1));

        assertThat(new long[] {settings.pauseAfterEmptyPolls(1), settings.pauseAfterEmptyPolls(2),
                settings.pauseAfterEmptyPolls(3), settings.pauseAfterEmptyPolls(4), settings.pauseAfterEmptyPolls(1_000)})
                .containsExactly(200, 400, 800, 1000, 1000);
    }

    @Test
    void aLongestPauseBelowTheFirstKeepsTheFirst() {
        var settings = new DispatchConfiguration();
        settings.setPollInterval(Duration.milliseconds(500));
        settings.setMaxPollInterval(Duration.milliseconds(100));

        assertThat(settings.pauseAfterEmptyPolls(5)).isEqualTo(500);
    }
}
