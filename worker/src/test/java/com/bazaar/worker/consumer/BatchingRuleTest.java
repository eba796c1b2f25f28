package com.bazaar.worker.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchingRuleTest {
    private final BatchingRule rule = new BatchingRule(16, 50, 20);

    @Test
    void aPartialBatchLingersAFullOneOrNoneDoesNot() {
        assertThat(rule.lingerMillis(1)).isEqualTo(20);
        assertThat(rule.lingerMillis(49)).isEqualTo(20);
        assertThat(rule.lingerMillis(50)).isZero();
        assertThat(rule.lingerMillis(0)).isZero();
    }

    @Test
    void noLingerConfiguredAppliesAtOnce() {
        assertThat(new BatchingRule(16, 50, 0).lingerMillis(3)).isZero();
    }

    @Test
    void aFullBatchWakesOneMoreThreadUpToTheMost() {
        assertThat(rule.activeAfter(1, 50)).isEqualTo(2);
        assertThat(rule.activeAfter(15, 50)).isEqualTo(16);
        assertThat(rule.activeAfter(16, 50)).isEqualTo(16);
    }

    @Test
    void aBatchLessThanHalfFullOrAnEmptyReceiveSendsOneThreadToStandByButNeverTheLast() {
        assertThat(rule.activeAfter(4, 24)).isEqualTo(3);
        assertThat(rule.activeAfter(4, 0)).isEqualTo(3);
        assertThat(rule.activeAfter(1, 0)).isEqualTo(1);
    }

    @Test
    void aBatchAtLeastHalfButNotFullKeepsTheThreads() {
        assertThat(rule.activeAfter(3, 25)).isEqualTo(3);
        assertThat(rule.activeAfter(3, 49)).isEqualTo(3);
    }

    @Test
    void aSteadyBacklogBringsEveryThreadInAndItsEndSendsThemBackOneByOne() {
        int active = 1;
        for (int batch = 0; batch < 20; batch++) {
            active = rule.activeAfter(active, 50);
        }
        assertThat(active).isEqualTo(16);
        for (int batch = 0; batch < 20; batch++) {
            active = rule.activeAfter(active, 0);
        }
        assertThat(active).isEqualTo(1);
    }

    @Test
    void whenEveryActiveThreadIsStuckInABatchOneMoreJoinsSoTheQueueKeepsMoving() {
        assertThat(rule.activeWhileStalled(1, 1)).isEqualTo(2);
        assertThat(rule.activeWhileStalled(3, 3)).isEqualTo(4);
        assertThat(rule.activeWhileStalled(16, 16)).isEqualTo(16);
    }

    @Test
    void whileOneActiveThreadStillMovesNoneJoins() {
        assertThat(rule.activeWhileStalled(3, 2)).isEqualTo(3);
        assertThat(rule.activeWhileStalled(1, 0)).isEqualTo(1);
    }
}
