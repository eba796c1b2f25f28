package com.bazaar.movement;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules a movement must meet beyond its JSON shape and limits, written once with their wording: the
 * service answers 400 with these words, the worker rejects a queue producer's movement with the same ones.
 * (Existence of the store and product: {@link com.bazaar.catalog.Missing}.)
 */
public final class MovementRules {
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 1_000_000;
    public static final int MAX_REASON_LENGTH = 500;
    public static final int MAX_ACTOR_LENGTH = 255;

    /** How far past its acceptance a movement's occurredAt may lie: clocks differ, but not by more. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private MovementRules() {
    }

    /** @param acceptedAt when the service (or SQS, for other producers) accepted the movement */
    public static Optional<String> clockViolation(Instant occurredAt, Instant acceptedAt) {
        return occurredAt.isAfter(acceptedAt.plus(MAX_CLOCK_AHEAD))
                ? Optional.of("occurredAt may not lie more than 5 minutes after the movement was accepted")
                : Optional.empty();
    }
}
