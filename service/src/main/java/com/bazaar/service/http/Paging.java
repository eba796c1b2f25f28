package com.bazaar.service.http;

import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The arithmetic and checks shared by the paged reports (limit 1..100, offset >= 0, a date range). */
public final class Paging {
    /**
     * A report counts and pages through at most this many rows of one filter. Past it an exact count,
     * or an offset, walks most of a ledger of millions of rows; narrower filters (dates) page on.
     */
    private static final int WINDOW = 10_000;

    private Paging() {
    }

    /** The totals of a page; when the matches overflow the window, {@code totalItems} is a lower bound. */
    public record Totals(long totalItems, boolean totalItemsExact, long totalPages, long currentPage) {
    }

    public record Page<T>(Totals totals, List<T> rows) {
    }

    /**
     * One page of a report: 400 if it lies beyond the window, else the matches counted up to the window and
     * the page's rows, which are not fetched when the offset is past the matches.
     *
     * @param countUpTo counts the matches, stopping at the number it is given
     */
    public static <T> Page<T> page(int limit, long offset, IntToLongFunction countUpTo, Supplier<List<T>> rows) {
        if (offset + limit > WINDOW) {
            throw new BadRequestException("offset + limit must not exceed " + WINDOW
                    + ": narrow the report with filters such as startDate and endDate to page further");
        }
        long counted = countUpTo.applyAsLong(WINDOW + 1);
        long items = Math.min(counted, WINDOW);
        var totals = new Totals(items, counted <= WINDOW, (items + limit - 1) / limit, offset / limit + 1);
        return new Page<>(totals, offset >= counted ? List.of() : rows.get());
    }

    /** An optional positive id from a query parameter; 400 naming the parameter if it is not one. */
    public static Long positiveId(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(value);
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException(name + " must be a positive integer (got " + value + ")");
    }

    /** An optional ISO-8601 timestamp with offset from a query parameter; 400 naming the parameter otherwise. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 timestamp with offset, such as 2026-11-24T10:15:30Z");
        }
    }

    /** An optional enum from a query parameter, by its wire name; 400 listing the names otherwise. */
    public static <E extends Enum<E>> E wireName(String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(value)) {
                return constant;
            }
        }
        throw new BadRequestException(name + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Object::toString).collect(Collectors.joining(", ")) + " (got " + value + ")");
    }

    /** An optional value from a fixed set; 400 listing the set otherwise. */
    public static String oneOf(String name, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new BadRequestException(name + " must be one of " + String.join(", ", allowed) + " (got " + value + ")");
        }
        return value;
    }

    /** An optional free-text value; 400 if it holds control characters (a NUL would not even reach the database). */
    public static String text(String name, String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException(name + " must not contain control characters");
        }
        return value;
    }

    public static void requireOrdered(Instant startDate, Instant endDate) {
        if (startDate != null && endDate != null && startDate.isAfter(endDate)) {
            throw new BadRequestException("startDate must not be after endDate");
        }
    }
}
