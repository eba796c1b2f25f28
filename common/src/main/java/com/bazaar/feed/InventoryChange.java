package com.bazaar.feed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * One change of an inventory level as the change feed shows it: the level after it, and what made it.
 *
 * @param seq              its place in the feed, which is commit order (not shown: clients follow the cursor)
 * @param quantity         on hand after the change
 * @param reservedQuantity held after the change
 * @param availableQuantity on hand less held, after the change
 * @param delta            the change to on hand (0 for a hold taken, released or expired)
 * @param reservedDelta    the change to what is held
 * @param version          the level's version after the change: 1 more than before it, so a follower can tell it
 *                         missed none
 * @param movementId       the movement's id, or for {@code reserve}, {@code release} and {@code expire} the hold's
 */
public record InventoryChange(@JsonIgnore long seq, long storeId, long productId, long quantity, long reservedQuantity,
                              long availableQuantity, long delta, long reservedDelta, long version, UUID movementId,
                              ChangeType type, Instant appliedAt) {

    /** A change about to be appended: its place in the feed is given then. */
    public static InventoryChange of(long storeId, long productId, long quantity, long reservedQuantity, long delta,
                                     long reservedDelta, long version, UUID movementId, ChangeType type, Instant appliedAt) {
        return new InventoryChange(0, storeId, productId, quantity, reservedQuantity, quantity - reservedQuantity, delta,
                reservedDelta, version, movementId, type, appliedAt);
    }
}
