package com.bazaar.movement;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules a movement must meet beyond its JSON shape and limits, written once with their wording: the
 * service answers 400 with these words, the worker rejects a queue producer's movement with the same ones.
 * (Existence of the store and product: {@link com.bazaar.catalog.Missing}.)
 */
public final class MovementRules {
    /** The least quantity of an in, out or manual movement; a count may be zero. */
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 1_000_000;
    public static final int MAX_REASON_LENGTH = 500;
    public static final int MAX_ACTOR_LENGTH = 255;

    /** How far past its acceptance a movement's occurredAt may lie: clocks differ, but not by more. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private MovementRules() {
    }

    /** A field of a movement and what is wrong with it, worded as Bean Validation words its own messages. */
    public record Problem(String field, String message) {
    }

    /**
     * What the movement's type does not allow of its quantities, beyond their common range 0..{@value #MAX_QUANTITY}:
     * only a count may be zero or carry an expected quantity.
     */
    public static Optional<Problem> quantityProblem(MovementType type, int quantity, Integer expectedQuantity) {
        if (type != MovementType.COUNT && quantity < MIN_QUANTITY) {
            return Optional.of(new Problem("quantity", "must be greater than or equal to " + MIN_QUANTITY));
        }
        if (type != MovementType.COUNT && expectedQuantity != null) {
            return Optional.of(new Problem("expectedQuantity", "is only allowed with type count"));
        }
        return Optional.empty();
    }

    /**
     * What a body may not say about transfers. A queue producer sends a transfer as one {@code transfer_out} from
     * {@code storeId} with {@code toStoreId} (the worker writes both legs); {@code transfer_in} is only ever written
     * by the worker; over HTTP a transfer is {@code POST /transfers}, so a movement body takes neither type
     * ({@code transfersAllowed} false).
     */
    public static Optional<Problem> transferProblem(MovementType type, Long storeId, Long toStoreId, boolean transfersAllowed) {
        boolean transfer = type == MovementType.TRANSFER_OUT || type == MovementType.TRANSFER_IN;
        if (transfer && !transfersAllowed) {
            return Optional.of(new Problem("type", "must be in, out, manual or count (a transfer is POST /transfers)"));
        }
        if (type == MovementType.TRANSFER_IN) {
            return Optional.of(new Problem("type", "transfer_in is written by the worker: send the transfer as "
                    + "transfer_out with toStoreId"));
        }
        if (type == MovementType.TRANSFER_OUT && toStoreId == null) {
            return Optional.of(new Problem("toStoreId", "must not be null with type transfer_out"));
        }
        if (type != MovementType.TRANSFER_OUT && toStoreId != null) {
            return Optional.of(new Problem("toStoreId", "is only allowed with type transfer_out"));
        }
        return sameStoreProblem(storeId, toStoreId);
    }

    /** Only a sale consumes a hold. */
    public static Optional<Problem> reservationProblem(MovementType type, UUID reservationId) {
        return reservationId != null && type != MovementType.OUT
                ? Optional.of(new Problem("reservationId", "is only allowed with type out"))
                : Optional.empty();
    }

    /** A transfer must leave its store. */
    public static Optional<Problem> sameStoreProblem(Long fromStoreId, Long toStoreId) {
        return toStoreId != null && toStoreId.equals(fromStoreId)
                ? Optional.of(new Problem("toStoreId", "must differ from the store the stock leaves"))
                : Optional.empty();
    }

    /**
     * Why a movement cannot apply to the level it finds, or empty: a count whose expected quantity is not the level
     * (compare-and-set), or, when stock may not go below zero, a removal larger than what it may take: the stock on
     * hand less what is held for others.
     *
     * @param heldForOthers the level's active holds, or 0 for a sale that consumes a hold (it takes held stock, and
     *                      only on hand may not go below zero)
     */
    public static Optional<String> levelProblem(Movement movement, long onHand, long heldForOthers,
                                                boolean allowNegativeStock) {
        if (movement.expectedQuantity() != null && movement.expectedQuantity() != onHand) {
            return Optional.of("count expected " + movement.expectedQuantity() + " on hand, found " + onHand);
        }
        if (allowNegativeStock || movement.type().levelAfter(onHand - heldForOthers, movement.quantity()) >= 0
                || movement.type() == MovementType.COUNT) {
            return Optional.empty();
        }
        return Optional.of(heldForOthers == 0
                ? "insufficient stock: " + onHand + " on hand, " + movement.quantity() + " requested"
                : "insufficient available stock: " + onHand + " on hand, " + heldForOthers + " reserved, "
                + movement.quantity() + " requested");
    }

    /** @param acceptedAt when the service (or SQS, for other producers) accepted the movement */
    public static Optional<String> clockViolation(Instant occurredAt, Instant acceptedAt) {
        return occurredAt.isAfter(acceptedAt.plus(MAX_CLOCK_AHEAD))
                ? Optional.of("occurredAt may not lie more than 5 minutes after the movement was accepted")
                : Optional.empty();
    }
}
