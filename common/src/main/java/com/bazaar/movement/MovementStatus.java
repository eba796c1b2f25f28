package com.bazaar.movement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What the worker made of a movement: it changed the stock, or it was refused with a reason. */
public enum MovementStatus {
    @JsonProperty("applied") APPLIED,
    @JsonProperty("rejected") REJECTED;

    /** The name used in JSON and in the ledger. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
