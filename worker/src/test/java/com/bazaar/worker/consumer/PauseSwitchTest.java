package com.bazaar.worker.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PauseSwitchTest {
    final PauseSwitch pauseSwitch = new PauseSwitch();

    @Test
    void aPauseWaitsForThePollInHandAndThenStopsNewOnes() throws Exception {
        assertThat(pauseSwitch.mayPoll()).isTrue();

        assertThat(pauseSwitch.pause(Duration.ZERO)).as("a thread still holds messages").isFalse();
        assertThat(pauseSwitch.mayPoll()).isFalse();
        pauseSwitch.settled();
        assertThat(pauseSwitch.pause(Duration.ZERO)).isTrue();
        assertThat(pauseSwitch.isPaused()).isTrue();
    }

    @Test
    void resumingLetsThreadsPollAgain() throws Exception {
        pauseSwitch.pause(Duration.ZERO);
        pauseSwitch.resume();

        assertThat(pauseSwitch.isPaused()).isFalse();
        assertThat(pauseSwitch.mayPoll()).isTrue();
    }
}
