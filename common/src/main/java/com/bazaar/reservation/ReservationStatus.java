package com.bazaar.reservation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What became of a hold: {@code active} while it holds stock, then {@code consumed} by the sale that named it,
 * {@code released} on request or {@code expired} at its {@code expiresAt}; {@code rejected} if there was not enough
 * available stock when the worker reached it.
 */
public enum ReservationStatus {
    @JsonProperty("active") ACTIVE,
    @JsonProperty("rejected") REJECTED,
    @JsonProperty("consumed") CONSUMED,
    @JsonProperty("released") RELEASED,
    @JsonProperty("expired") EXPIRED;

    /** The name used in JSON and in the reservations table. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
