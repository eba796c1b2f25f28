package com.bazaar.worker.ledger;

import com.bazaar.movement.Movement;

/**
 * A movement with what was found about it before its transaction: why it cannot apply whatever the stock
 * (an unknown store or product, a clock rule broken), or null when nothing stands in its way.
 */
public record CheckedMovement(Movement movement, String refusal) {
}
