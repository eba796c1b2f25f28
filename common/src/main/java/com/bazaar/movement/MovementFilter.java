package com.bazaar.movement;

import java.time.Instant;

/** The movement report's filters; a null filter matches everything. Dates bound occurredAt, inclusive. */
public record MovementFilter(Long storeId, Long productId, MovementType type, MovementStatus status, Instant startDate, Instant endDate) {
}
