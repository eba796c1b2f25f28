package com.bazaar.movement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * {@code in} adds stock; {@code out} (a sale) and {@code manual} (damage, loss, expiry) remove it; {@code count}
 * (a physical count) sets the level to the quantity counted.
 */
public enum MovementType {
    @JsonProperty("in") IN,
    @JsonProperty("out") OUT,
    @JsonProperty("manual") MANUAL,
    @JsonProperty("count") COUNT;

    /** The level a movement of this type and quantity leaves behind, from the level it finds. */
    public long levelAfter(long before, int quantity) {
        return switch (this) {
            case IN -> before + quantity;
            case OUT, MANUAL -> before - quantity;
            case COUNT -> quantity;
        };
    }

    /** The name used on the wire and in the ledger. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
