package com.bazaar.service.movement;

import com.bazaar.movement.MovementStatus;
import com.bazaar.movement.MovementView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A transfer as the API shows it, read from its two ledger rows (both applied or both rejected).
 *
 * @param movements the movement ids of its legs, transfer_out first
 */
public record TransferView(UUID id, MovementStatus status, long fromStoreId, long toStoreId, long productId, int quantity,
                           String reason, String rejectionReason, List<UUID> movements, Instant occurredAt,
                           Instant appliedAt) {

    /** @param legs transfer_out, then transfer_in */
    static TransferView of(UUID id, List<MovementView> legs) {
        MovementView out = legs.get(0);
        MovementView in = legs.get(1);
        return new TransferView(id, out.status(), out.storeId(), in.storeId(), out.productId(), out.quantity(),
                out.reason(), out.rejectionReason(), List.of(out.id(), in.id()), out.occurredAt(), out.appliedAt());
    }
}
