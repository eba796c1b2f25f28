package com.bazaar.service.movement;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /stores/{storeId}/stock-movements/batch}: 1..100 movements, each as for a single one. */
public record NewMovementBatch(@NotNull @Size(min = 1, max = NewMovementBatch.MAX_ITEMS) List<@NotNull @Valid NewMovement> movements) {
    static final int MAX_ITEMS = 100;
}
