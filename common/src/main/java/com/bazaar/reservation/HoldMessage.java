package com.bazaar.reservation;

import com.bazaar.movement.MovementRules;
import com.bazaar.queue.QueueMessage;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * A hold taken or ended, as it travels on the queue in its product's group: the body the service enqueues and that
 * other producers may send. What each type requires beyond these limits: {@link ReservationRules#messageProblem}.
 *
 * @param reservationId names the hold; a {@code reserve} without one is named by its SQS message id
 * @param expiresAt     a {@code reserve}'s end, or else {@code ttlSeconds} from the time SQS received it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HoldMessage(
        @NotNull HoldType type,
        UUID reservationId,
        @NotNull @Min(1) Long storeId,
        @NotNull @Min(1) Long productId,
        @Min(1) @Max(MovementRules.MAX_QUANTITY) Integer quantity,
        Instant expiresAt,
        @Min(1) @Max(ReservationRules.MAX_TTL_SECONDS) Integer ttlSeconds,
        @Size(min = 1, max = ReservationRules.MAX_REFERENCE_LENGTH) String reference,
        @Size(min = 1, max = MovementRules.MAX_ACTOR_LENGTH) @Pattern(regexp = "\\S(.*\\S)?", message = "must not start or end with white space") String actor)
        implements QueueMessage {

    public static HoldMessage reserve(UUID reservationId, long storeId, long productId, int quantity, Instant expiresAt,
                                      String reference, String actor) {
        return new HoldMessage(HoldType.RESERVE, reservationId, storeId, productId, quantity, expiresAt, null, reference,
                actor);
    }

    public static HoldMessage release(UUID reservationId, long storeId, long productId, String actor) {
        return new HoldMessage(HoldType.RELEASE, reservationId, storeId, productId, null, null, null, null, actor);
    }

    @Override
    public String messageGroupId() {
        return storeId + ":" + productId;
    }

    /** A hold's reserve and its release are two messages, so they must not share a deduplication id. */
    @Override
    public String deduplicationId() {
        return type == HoldType.RESERVE ? reservationId.toString() : "release:" + reservationId;
    }
}
