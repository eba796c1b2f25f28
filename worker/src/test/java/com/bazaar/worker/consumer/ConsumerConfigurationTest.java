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

    @Test
    void aShortPollingThreadPausesAfterEmptyReceivesDoublingUpToTheMaximum() {
        var config = new ConsumerConfiguration();
        config.setWaitTime(Duration.seconds(0));
        config.setMaxIdlePause(Duration.milliseconds(500));

        assertThat(new long[] {config.idlePauseMillis(0), config.idlePauseMillis(1), config.idlePauseMillis(2),
                config.idlePauseMillis(6), config.idlePauseMillis(7), config.idlePauseMillis(1_000)})
                .containsExactly(0, 10, 20, 320, 500, 500);
    }

    @Test
    void aLongPollingThreadNeverPausesItsReceiveWaited() {
        var config = new ConsumerConfiguration();
        config.setWaitTime(Duration.seconds(20));

        assertThat(config.idlePauseMillis(5)).isZero();
    }

    @Test
    void aLoneShortPollingThreadLongPollsOnceTheQueueHasStayedEmptyToTheLongestPause() {
        var config = new ConsumerConfiguration();
        config.setWaitTime(Duration.seconds(0));
        config.setMaxIdlePause(Duration.milliseconds(500));
        config.setIdleWaitTime(Duration.seconds(5));

        assertThat(config.receiveWait(0, 1)).isZero();
        assertThat(config.receiveWait(6, 1)).as("pausing 320 ms, below the longest pause").isZero();
        assertThat(config.receiveWait(7, 1)).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(config.receiveWait(1_000, 1)).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(config.receiveWait(7, 2)).as("several threads share a flow: keep polling").isZero();
    }

    @Test
    void anIdleWaitOfZeroKeepsPollingAndALongPollingThreadAlwaysWaitsItsWaitTime() {
        var polling = new ConsumerConfiguration();
        polling.setWaitTime(Duration.seconds(0));
        polling.setIdleWaitTime(Duration.seconds(0));
        var longPolling = new ConsumerConfiguration();
        longPolling.setWaitTime(Duration.seconds(20));

        assertThat(polling.receiveWait(1_000, 1)).isZero();
        assertThat(longPolling.receiveWait(0, 16)).isEqualTo(java.time.Duration.ofSeconds(20));
    }
}
