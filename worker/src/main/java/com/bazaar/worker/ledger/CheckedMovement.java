package com.bazaar.worker.ledger;

import com.bazaar.movement.Movement;

/** A movement and why it cannot apply whatever the stock, or null ({@link Checked}). */
public record CheckedMovement(Movement movement, String refusal) implements Checked {
}
