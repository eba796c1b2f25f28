package com.bazaar.worker.ledger;

/** What applying a message came to. */
public enum Outcome {
    APPLIED,
    REJECTED,
    /** Already in the ledger or the holds (a redelivery or a repeated idempotency key): nothing changed. */
    DUPLICATE,
    /** A release of a hold that is not active (or not known at that level): nothing changed. */
    UNCHANGED
}
