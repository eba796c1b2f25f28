package com.bazaar.worker.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevelEvidenceTest {
    @Test
    void aLevelEqualToItsLedgerAndItsHoldsIsNoMismatch() {
        assertThat(new LevelEvidence(1, 2, 10, 3, 10, 3).mismatch()).isEmpty();
        assertThat(new LevelEvidence(1, 2, 0, 0, 0, 0).mismatch()).isEmpty();
    }

    @Test
    void onHandApartFromTheLedgerSaysBoth() {
        assertThat(new LevelEvidence(1, 2, 10, 0, 9, 0).mismatch())
                .hasValue("store 1, product 2: on hand 10, the ledger sums to 9");
    }

    @Test
    void reservedApartFromTheActiveHoldsSaysBoth() {
        assertThat(new LevelEvidence(1, 2, 10, 4, 10, 3).mismatch())
                .hasValue("store 1, product 2: reserved 4, the active holds sum to 3");
    }

    @Test
    void bothApartSayBoth() {
        assertThat(new LevelEvidence(3, 4, 1, 0, 2, 5).mismatch())
                .hasValue("store 3, product 4: on hand 1, the ledger sums to 2; reserved 0, the active holds sum to 5");
    }
}
