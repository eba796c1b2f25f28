package com.bazaar.movement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * {@code in} adds stock; {@code out} (a sale) and {@code manual} (damage, loss, expiry) remove it; {@code count}
 * (a physical count) sets the level to the quantity counted. A transfer is two ledger rows written together:
 * {@code transfer_out} removes the stock from the source, {@code transfer_in} adds it at the destination.
 */
public enum MovementType {
    @JsonProperty("in") IN,
    @JsonProperty("out") OUT,
    @JsonProperty("manual") MANUAL,
    @JsonProperty("count") COUNT,
    @JsonProperty("transfer_out") TRANSFER_OUT,
    @JsonProperty("transfer_in") TRANSFER_IN;

    /** The level a movement of this type and quantity leaves behind, from the level it finds. */
    public long levelAfter(long before, int quantity) {
        return switch (this) {
            case IN, TRANSFER_IN -> before + quantity;
            case OUT, MANUAL, TRANSFER_OUT -> before - quantity;
            case COUNT -> quantity;
        };
    }

    /** The name used on the wire and in the ledger. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
