package com.bazaar.movement;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A stock movement as it travels on the queue: the body the service enqueues and that other producers
 * (POS terminals) may send themselves. Optional fields are left out of the JSON when absent.
 *
 * @param movementId identifies the movement; when absent, the SQS message id does
 * @param occurredAt when absent, the time SQS received the message
 * @param actor who or what moved the stock; when absent, "sqs"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MovementMessage(
        UUID movementId,
        @NotNull @Min(1) Long storeId,
        @NotNull @Min(1) Long productId,
        @NotNull MovementType type,
        @NotNull @Min(1) @Max(1_000_000) Integer quantity,
        Instant occurredAt,
        @Size(min = 1, max = 255) @Pattern(regexp = "\\S(.*\\S)?", message = "must not start or end with white space") String actor,
        @Size(max = 500) String reason) {

    /** How far past its acceptance a movement's occurredAt may lie: clocks differ, but not by more. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    /** The SQS message group of a FIFO queue: one per store and product, so their movements stay in order. */
    public String messageGroupId() {
        return storeId + ":" + productId;
    }
}
