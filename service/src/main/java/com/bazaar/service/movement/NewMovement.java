package com.bazaar.service.movement;

import com.bazaar.movement.MovementRules;
import com.bazaar.movement.MovementType;
import com.bazaar.movement.ValidQuantities;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * The body of {@code POST /stores/{storeId}/stock-movements} (and an item of a batch).
 *
 * @param reservationId only with type out: the hold the sale consumes
 */
@ValidQuantities
public record NewMovement(
        @NotNull @Min(1) Long productId,
        @NotNull MovementType type,
        @NotNull @Min(0) @Max(MovementRules.MAX_QUANTITY) Integer quantity,
        @Min(0) @Max(MovementRules.MAX_QUANTITY) Integer expectedQuantity,
        @Size(max = MovementRules.MAX_REASON_LENGTH) String reason,
        Instant occurredAt,
        UUID reservationId) implements ValidQuantities.Quantities {
}
