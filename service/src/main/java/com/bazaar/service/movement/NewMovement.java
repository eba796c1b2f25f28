package com.bazaar.service.movement;

import com.bazaar.movement.MovementRules;
import com.bazaar.movement.MovementType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The body of {@code POST /stores/{storeId}/stock-movements}. */
public record NewMovement(
        @NotNull @Min(1) Long productId,
        @NotNull MovementType type,
        @NotNull @Min(MovementRules.MIN_QUANTITY) @Max(MovementRules.MAX_QUANTITY) Integer quantity,
        @Size(max = MovementRules.MAX_REASON_LENGTH) String reason,
        Instant occurredAt) {
}
