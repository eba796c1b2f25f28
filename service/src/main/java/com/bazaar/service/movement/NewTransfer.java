package com.bazaar.service.movement;

import com.bazaar.movement.MovementRules;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /transfers}. */
public record NewTransfer(
        @NotNull @Min(1) Long fromStoreId,
        @NotNull @Min(1) Long toStoreId,
        @NotNull @Min(1) Long productId,
        @NotNull @Min(MovementRules.MIN_QUANTITY) @Max(MovementRules.MAX_QUANTITY) Integer quantity,
        @Size(max = MovementRules.MAX_REASON_LENGTH) String reason) {
}
