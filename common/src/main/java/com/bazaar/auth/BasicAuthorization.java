package com.bazaar.auth;

import io.dropwizard.auth.basic.BasicCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Reads an {@code Authorization: Basic ...} header outside Jersey (the admin ports, the login throttle). */
public final class BasicAuthorization {
    private static final String PREFIX = "basic ";

    private BasicAuthorization() {
    }

    /** The name and password in the header; empty when there is no header or it is not well-formed Basic. */
    public static Optional<BasicCredentials> parse(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(PREFIX.length()).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? Optional.empty()
                : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
