package com.bazaar.feed;

import com.bazaar.movement.MovementType;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * One change of an inventory level as the change feed shows it: the level after it, and the movement that made it.
 *
 * @param seq its place in the feed, which is commit order (not shown: clients follow the cursor)
 */
public record InventoryChange(@JsonIgnore long seq, long storeId, long productId, long quantity, long delta,
                              UUID movementId, MovementType type, Instant appliedAt) {
}
