package com.bazaar.worker.ledger;

/**
 * A level as a batch's plan sees it between its changes.
 *
 * @param onHand   the stock on hand
 * @param reserved the sum of its active holds
 * @param version  how many changes it has had; each change adds one
 */
public record Level(long onHand, long reserved, long version) {

    Level change(long newOnHand, long reservedDelta) {
        return new Level(newOnHand, reserved + reservedDelta, version + 1);
    }
}
