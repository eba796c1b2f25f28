package com.bazaar.movement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Who put a movement on the queue: the service's API, or another producer (a POS terminal). */
public enum MovementSource {
    @JsonProperty("api") API,
    @JsonProperty("sqs") SQS;

    /** The name used in JSON, in the ledger and in the {@code source} message attribute. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
