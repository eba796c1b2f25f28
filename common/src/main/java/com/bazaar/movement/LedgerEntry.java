package com.bazaar.movement;

import java.time.Instant;

/**
 * One row of the ledger (stock_movements) as the worker writes it: the movement and what became of it.
 *
 * @param rejectionReason null when applied
 * @param appliedAt       null when rejected
 */
public record LedgerEntry(Movement movement, MovementStatus status, String rejectionReason, Instant appliedAt) {

    public static LedgerEntry applied(Movement movement, Instant now) {
        return new LedgerEntry(movement, MovementStatus.APPLIED, null, now);
    }

    public static LedgerEntry rejected(Movement movement, String reason) {
        return new LedgerEntry(movement, MovementStatus.REJECTED, reason, null);
    }

    public boolean applied() {
        return status == MovementStatus.APPLIED;
    }
}
