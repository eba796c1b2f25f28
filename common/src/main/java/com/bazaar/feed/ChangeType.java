package com.bazaar.feed;

import com.bazaar.movement.MovementType;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What made a level change: a movement of its type, or a hold taken, released or expired. */
public enum ChangeType {
    @JsonProperty("in") IN,
    @JsonProperty("out") OUT,
    @JsonProperty("manual") MANUAL,
    @JsonProperty("count") COUNT,
    @JsonProperty("transfer_out") TRANSFER_OUT,
    @JsonProperty("transfer_in") TRANSFER_IN,
    @JsonProperty("reserve") RESERVE,
    @JsonProperty("release") RELEASE,
    @JsonProperty("expire") EXPIRE;

    public static ChangeType of(MovementType type) {
        return valueOf(type.name());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
