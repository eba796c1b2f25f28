package com.bazaar.movement;

import java.time.Instant;
import java.util.UUID;

/** One row of the ledger (stock_movements) as the worker writes it. */
public record LedgerEntry(
        UUID movementId,
        long storeId,
        long productId,
        MovementType type,
        int quantity,
        String status,
        String reason,
        String rejectionReason,
        String actor,
        String source,
        String requestId,
        Instant occurredAt,
        Instant acceptedAt,
        Instant appliedAt) {

    public static final String APPLIED = "applied";
    public static final String REJECTED = "rejected";

    public int delta() {
        return type.delta(quantity);
    }

    /** The type as the ledger and the API spell it. */
    public String typeName() {
        return type.toString();
    }

    public boolean applied() {
        return APPLIED.equals(status);
    }
}
