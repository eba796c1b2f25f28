package com.bazaar.service.reservation;

import com.bazaar.movement.MovementRules;
import com.bazaar.reservation.ReservationRules;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /stores/{storeId}/reservations}.
 *
 * @param ttlSeconds how long the hold lasts from acceptance; 900 when absent
 * @param reference  the client's name for it, e.g. the order id
 */
public record NewReservation(
        @NotNull @Min(1) Long productId,
        @NotNull @Min(1) @Max(MovementRules.MAX_QUANTITY) Integer quantity,
        @Min(1) @Max(ReservationRules.MAX_TTL_SECONDS) Integer ttlSeconds,
        @Size(min = 1, max = ReservationRules.MAX_REFERENCE_LENGTH) String reference) {
}
