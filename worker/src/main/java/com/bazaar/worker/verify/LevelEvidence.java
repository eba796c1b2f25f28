package com.bazaar.worker.verify;

import java.util.Optional;

/**
 * What one level holds beside what its evidence says it must: the sum of its applied ledger rows (on hand) and of its
 * active holds (reserved). A level the ledger or a hold names but that has no row reads 0 on both.
 */
public record LevelEvidence(long storeId, long productId, long onHand, long reserved, long ledgerSum, long activeHolds) {
    /** Why the level is not what its evidence says, or empty when it is. */
    public Optional<String> mismatch() {
        if (onHand == ledgerSum && reserved == activeHolds) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder("store %d, product %d:".formatted(storeId, productId));
        if (onHand != ledgerSum) {
            why.append(" on hand %d, the ledger sums to %d".formatted(onHand, ledgerSum));
        }
        if (reserved != activeHolds) {
            why.append(onHand != ledgerSum ? ";" : "").append(" reserved %d, the active holds sum to %d".formatted(reserved, activeHolds));
        }
        return Optional.of(why.toString());
    }
}
