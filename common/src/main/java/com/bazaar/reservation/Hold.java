package com.bazaar.reservation;

import java.time.Instant;
import java.util.UUID;

/** What the worker needs of a stored hold to decide about it. */
public record Hold(UUID id, long storeId, long productId, int quantity, ReservationStatus status, Instant expiresAt) {

    public boolean dueAt(Instant now) {
        return status == ReservationStatus.ACTIVE && !expiresAt.isAfter(now);
    }

    public Hold ended(ReservationStatus status) {
        return new Hold(id, storeId, productId, quantity, status, expiresAt);
    }
}
