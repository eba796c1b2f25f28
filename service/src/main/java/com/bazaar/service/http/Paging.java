package com.bazaar.service.http;

import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The arithmetic and checks shared by the paged reports (limit 1..100, offset >= 0, a date range). */
public final class Paging {
    /**
     * A report counts and pages through at most this many rows of one filter. Past it an exact count,
     * or an offset, walks most of a ledger of millions of rows; narrower filters (dates) page on.
     */
    public static final int WINDOW = 10_000;

    private Paging() {
    }

    /** The totals of a page, from a count capped at {@code WINDOW + 1}; a capped total is a lower bound. */
    public record Totals(long totalItems, boolean totalItemsExact, long totalPages, long currentPage) {
        public static Totals of(long counted, int limit, long offset) {
            long items = Math.min(counted, WINDOW);
            return new Totals(items, counted <= WINDOW, (items + limit - 1) / limit, offset / limit + 1);
        }
    }

    public static void requireInWindow(int limit, long offset) {
        if (offset + limit > WINDOW) {
            throw new BadRequestException("offset + limit must not exceed " + WINDOW
                    + ": narrow the report with filters such as startDate and endDate to page further");
        }
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

    public static void requireOrdered(Instant startDate, Instant endDate) {
        if (startDate != null && endDate != null && startDate.isAfter(endDate)) {
            throw new BadRequestException("startDate must not be after endDate");
        }
    }
}
