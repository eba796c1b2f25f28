package com.bazaar.service.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The wire form the API's cursors share: base64url of {@code <version>:<field>:<field>...}, integers only, so that
 * clients treat them as opaque and a later format can be told apart by its version.
 */
public final class OpaqueCursor {
    private OpaqueCursor() {
    }

    public static String encode(String version, long... fields) {
        String text = version + Arrays.stream(fields).mapToObj(field -> ":" + field).collect(Collectors.joining());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The fields of a cursor of this version and number of fields; empty for anything else. */
    public static Optional<long[]> decode(String cursor, String version, int fields) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != fields + 1 || !parts[0].equals(version)) {
                return Optional.empty();
            }
            long[] values = new long[fields];
            for (int i = 0; i < fields; i++) {
                values[i] = Long.parseLong(parts[i + 1]);
            }
            return Optional.of(values);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
