package com.bazaar.worker.ledger;

/**
 * One message of a batch with what was found about it before its transaction: why it cannot apply whatever the
 * stock (an unknown store or product, a clock rule broken), or null when nothing stands in its way.
 */
public sealed interface Checked permits CheckedMovement, CheckedHold {
    String refusal();
}
