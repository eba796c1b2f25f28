package com.bazaar.worker.ledger;

import com.bazaar.movement.Movement;
import com.bazaar.movement.MovementType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The ledger rows a movement from the queue becomes: itself, or for a transfer its two legs, a {@code transfer_out}
 * at the source and a {@code transfer_in} at the destination, both carrying the transfer's id. The legs' movement
 * ids are name-based on the transfer's, so every delivery of a transfer names the same two rows.
 */
final class TransferLegs {
    private TransferLegs() {
    }

    static List<Movement> of(Movement movement) {
        if (!movement.isTransfer()) {
            return List.of(movement);
        }
        return List.of(leg(movement, movement.storeId(), MovementType.TRANSFER_OUT),
                leg(movement, movement.toStoreId(), MovementType.TRANSFER_IN));
    }

    static UUID legId(UUID transferId, MovementType type) {
        return UUID.nameUUIDFromBytes((transferId + ":" + type).getBytes(StandardCharsets.UTF_8));
    }

    /** Why both legs are rejected, when the source's leg cannot apply. */
    static String rejection(Movement transfer, String problem) {
        return "transfer from store " + transfer.storeId() + ": " + problem;
    }

    private static Movement leg(Movement transfer, long storeId, MovementType type) {
        return new Movement(legId(transfer.movementId(), type), storeId, transfer.productId(), type, transfer.quantity(),
                null, transfer.occurredAt(), transfer.actor(), transfer.reason(), transfer.source(), transfer.requestId(),
                transfer.acceptedAt(), null, transfer.movementId(), null);
    }
}
