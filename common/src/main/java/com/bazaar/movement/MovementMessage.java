package com.bazaar.movement;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.bazaar.queue.QueueMessage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * A stock movement as it travels on the queue: the body the service enqueues and that other producers
 * (POS terminals) may send themselves. Optional fields are left out of the JSON when absent.
 *
 * @param movementId identifies the movement; when absent, the SQS message id does
 * @param expectedQuantity only for a count: the level it expects to replace, else the count is rejected
 * @param occurredAt when absent, the time SQS received the message
 * @param actor who or what moved the stock; when absent, "sqs"
 * @param toStoreId only for a transfer ({@code transfer_out} from {@code storeId}): the store the stock goes to
 * @param reservationId only for an {@code out}: the hold it consumes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidQuantities
public record MovementMessage(
        UUID movementId,
        @NotNull @Min(1) Long storeId,
        @NotNull @Min(1) Long productId,
        @NotNull MovementType type,
        @NotNull @Min(0) @Max(MovementRules.MAX_QUANTITY) Integer quantity,
        @Min(0) @Max(MovementRules.MAX_QUANTITY) Integer expectedQuantity,
        Instant occurredAt,
        @Size(min = 1, max = MovementRules.MAX_ACTOR_LENGTH) @Pattern(regexp = "\\S(.*\\S)?", message = "must not start or end with white space") String actor,
        @Size(max = MovementRules.MAX_REASON_LENGTH) String reason,
        @Min(1) Long toStoreId,
        UUID reservationId) implements ValidQuantities.Quantities, QueueMessage {

    @Override
    public boolean transfersAllowed() {
        return true;
    }

    /**
     * The SQS message group of a FIFO queue: one per store and product, so their movements stay in order. A
     * transfer's is its source's: ordered with the source's movements, not with the destination's.
     */
    @Override
    public String messageGroupId() {
        return storeId + ":" + productId;
    }

    @Override
    public String deduplicationId() {
        return movementId.toString();
    }
}
