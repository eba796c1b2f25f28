package com.bazaar.reservation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The two queue messages about holds: take one, or end one early. */
public enum HoldType {
    @JsonProperty("reserve") RESERVE,
    @JsonProperty("release") RELEASE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
