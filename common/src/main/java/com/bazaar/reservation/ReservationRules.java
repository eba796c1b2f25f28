package com.bazaar.reservation;

import com.bazaar.movement.MovementRules.Problem;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The limits of a hold and the worker's words for what it decides about one, written once. */
public final class ReservationRules {
    public static final int MAX_TTL_SECONDS = 604_800;
    public static final int DEFAULT_TTL_SECONDS = 900;
    public static final int MAX_REFERENCE_LENGTH = 255;

    private ReservationRules() {
    }

    /** What a queue message about a hold lacks or may not carry for its type, beyond each field's own limits. */
    public static Optional<Problem> messageProblem(HoldMessage message) {
        if (message.type() == HoldType.RELEASE) {
            if (message.reservationId() == null) {
                return Optional.of(new Problem("reservationId", "must not be null with type release"));
            }
            if (message.quantity() != null || message.expiresAt() != null || message.ttlSeconds() != null
                    || message.reference() != null) {
                return Optional.of(new Problem("type", "release takes only reservationId, storeId, productId and actor"));
            }
            return Optional.empty();
        }
        if (message.quantity() == null) {
            return Optional.of(new Problem("quantity", "must not be null with type reserve"));
        }
        if ((message.expiresAt() == null) == (message.ttlSeconds() == null)) {
            return Optional.of(new Problem("expiresAt", "exactly one of expiresAt and ttlSeconds is required with type reserve"));
        }
        return Optional.empty();
    }

    /** Why a hold cannot be taken from a level with this much on hand and reserved, or empty. */
    public static Optional<String> reserveProblem(int quantity, long onHand, long reserved) {
        return quantity <= onHand - reserved ? Optional.empty()
                : Optional.of("insufficient available stock: " + onHand + " on hand, " + reserved + " reserved, "
                + quantity + " requested");
    }

    /** A hold the worker reaches only after it should have ended is never taken. */
    public static Optional<String> lateProblem(Instant expiresAt, Instant now) {
        return expiresAt.isAfter(now) ? Optional.empty()
                : Optional.of("expired at " + expiresAt + " before the worker reached it");
    }

    /**
     * Why an {@code out} naming a hold cannot consume it, or empty.
     *
     * @param hold the hold it names, null when there is none by that id
     */
    public static Optional<String> consumeProblem(UUID reservationId, Hold hold, long storeId, long productId,
                                                  int quantity, Instant now) {
        if (hold == null) {
            return Optional.of("reservation " + reservationId + " not found");
        }
        if (hold.status() != ReservationStatus.ACTIVE) {
            return Optional.of("reservation " + hold.id() + " is " + hold.status() + ", not active");
        }
        if (hold.dueAt(now)) {
            return Optional.of("reservation " + hold.id() + " expired at " + hold.expiresAt());
        }
        if (hold.storeId() != storeId || hold.productId() != productId) {
            return Optional.of("reservation " + hold.id() + " holds product " + hold.productId() + " at store "
                    + hold.storeId() + ", not product " + productId + " at store " + storeId);
        }
        if (quantity > hold.quantity()) {
            return Optional.of("reservation " + hold.id() + " holds " + hold.quantity() + ", " + quantity + " requested");
        }
        return Optional.empty();
    }
}
