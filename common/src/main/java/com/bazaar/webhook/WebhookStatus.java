package com.bazaar.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** {@code active}: delivered; {@code failing}: an event failed for 24 hours, stopped until resumed. */
public enum WebhookStatus {
    ACTIVE, FAILING;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
