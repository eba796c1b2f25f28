package com.bazaar.movement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** {@code in} adds stock; {@code out} (a sale) and {@code manual} (damage, loss, expiry) remove it. */
public enum MovementType {
    @JsonProperty("in") IN,
    @JsonProperty("out") OUT,
    @JsonProperty("manual") MANUAL;

    /** The signed change a movement of this type and quantity makes to the stock on hand. */
    public int delta(int quantity) {
        return this == IN ? quantity : -quantity;
    }

    /** The name used on the wire and in the ledger. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
