package com.bazaar.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DoublingTest {
    @Test
    void startsAtTheFirstAndDoublesUpToTheCap() {
        assertThat(new long[] {Doubling.step(10, 0, 500), Doubling.step(10, 1, 500), Doubling.step(10, 2, 500),
                Doubling.step(10, 6, 500), Doubling.step(10, 7, 500)}).containsExactly(10, 10, 20, 320, 500);
    }

    @Test
    void aStepFarBeyondTheCapNeitherOverflowsNorPassesIt() {
        assertThat(Doubling.step(1_000, 70, 600_000)).isEqualTo(600_000);
        assertThat(Doubling.step(1, Integer.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }
}
