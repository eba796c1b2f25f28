package com.bazaar.service.movement;

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
        @NotNull @Min(1) @Max(1_000_000) Integer quantity,
        @Size(max = 500) String reason,
        Instant occurredAt) {
}
