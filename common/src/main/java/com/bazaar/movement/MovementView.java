package com.bazaar.movement;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * A movement as the API shows it, with its store's and product's names. {@code store} or {@code product}
 * is null only on a movement rejected because that store or product does not exist.
 *
 * @param ledgerId the row's place in the ledger, which breaks ties of occurredAt in the report (not shown)
 * @param transferId on a leg of a transfer ({@code transfer_out}, {@code transfer_in}), the transfer; else null
 * @param reservationId on an {@code out} that named a hold, the hold; else null
 */
public record MovementView(
        @JsonIgnore long ledgerId,
        UUID id,
        long storeId,
        long productId,
        Ref store,
        Ref product,
        MovementType type,
        int quantity,
        Integer expectedQuantity,
        long delta,
        MovementStatus status,
        String reason,
        String rejectionReason,
        String actor,
        MovementSource source,
        String requestId,
        Instant occurredAt,
        Instant acceptedAt,
        Instant createdAt,
        Instant appliedAt,
        UUID transferId,
        UUID reservationId) {

    public record Ref(long id, String name) {
    }
}
