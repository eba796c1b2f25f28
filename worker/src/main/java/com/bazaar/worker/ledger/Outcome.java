package com.bazaar.worker.ledger;

/** What applying a movement came to. */
public enum Outcome {
    APPLIED,
    REJECTED,
    /** Already in the ledger (a redelivery or a repeated idempotency key): nothing changed. */
    DUPLICATE
}
