package com.bazaar.service.webhook;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /webhooks}; the events are checked by name in {@link WebhookResource}, so that an unknown
 * one is named in the 400.
 *
 * @param storeId only this store's events, when given
 */
public record NewWebhook(
        @NotNull @Size(min = 1, max = 2048) String url,
        @NotNull @Size(min = 1, max = 3)
        @ArraySchema(schema = @Schema(allowableValues = {"inventory.changed", "reservation.expired", "stock.low"}), uniqueItems = true)
        List<String> events,
        @Min(1) Long storeId) {
}
