package com.bazaar.service.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Strong ETags of versioned catalog entries ({@code "3"} for version 3) and the two conditional headers on them,
 * compared as RFC 9110 says: {@code If-Match} strongly (a weak tag never matches), {@code If-None-Match} weakly.
 * A header that cannot be parsed matches nothing.
 */
public final class EntityTags {
    private EntityTags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Whether a write may go ahead: no {@code If-Match}, {@code *}, or one of its strong tags is {@code current}. */
    public static boolean ifMatch(String header, String current) {
        if (header == null) {
            return true;
        }
        if (header.strip().equals("*")) {
            return true;
        }
        return parse(header).stream().anyMatch(tag -> !tag.startsWith("W/") && tag.equals(current));
    }

    /** Whether a GET is answered 304: {@code *}, or one of the tags, weak or strong, names {@code current}'s value. */
    public static boolean ifNoneMatch(String header, String current) {
        if (header == null) {
            return false;
        }
        if (header.strip().equals("*")) {
            return true;
        }
        return parse(header).stream().anyMatch(tag -> tag.replaceFirst("^W/", "").equals(current));
    }

    /** The entity tags of a list ({@code "a", W/"b"}), each as written; empty when the list is malformed. */
    static List<String> parse(String header) {
        List<String> tags = new ArrayList<>();
        int i = 0;
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ',')) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            if (header.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= n || header.charAt(i) != '"') {
                return List.of();
            }
            int close = header.indexOf('"', i + 1);
            if (close < 0) {
                return List.of();
            }
            i = close + 1;
            tags.add(header.substring(start, i));
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && header.charAt(i) != ',') {
                return List.of();
            }
        }
        return tags;
    }
}
