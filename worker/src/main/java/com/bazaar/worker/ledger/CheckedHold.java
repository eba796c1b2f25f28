package com.bazaar.worker.ledger;

import com.bazaar.reservation.HoldRequest;

/** A hold taken or released, and why it cannot apply whatever the stock, or null ({@link Checked}). */
public record CheckedHold(HoldRequest hold, String refusal) implements Checked {
}
