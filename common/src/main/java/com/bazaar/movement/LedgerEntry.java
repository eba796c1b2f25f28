package com.bazaar.movement;

import java.time.Instant;

/**
 * One row of the ledger (stock_movements) as the worker writes it: the movement and what became of it.
 *
 * @param delta           the change it made to the level, or would have made (see {@link Movement#delta})
 * @param rejectionReason null when applied
 * @param appliedAt       null when rejected
 */
public record LedgerEntry(Movement movement, long delta, MovementStatus status, String rejectionReason,
                          Instant appliedAt) {

    /** @param before the level the movement found */
    public static LedgerEntry applied(Movement movement, long before, Instant now) {
        return new LedgerEntry(movement, movement.delta(before), MovementStatus.APPLIED, null, now);
    }

    /** @param before the level the movement found, or null if it was refused before seeing one */
    public static LedgerEntry rejected(Movement movement, Long before, String reason) {
        return new LedgerEntry(movement, movement.delta(before), MovementStatus.REJECTED, reason, null);
    }

    public boolean applied() {
        return status == MovementStatus.APPLIED;
    }
}
