package com.bazaar.service.http;

import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The arithmetic and checks shared by the paged reports (limit 1..100, offset >= 0, a date range). */
public final class Paging {
    private Paging() {
    }

    public static long totalPages(long totalItems, int limit) {
        return (totalItems + limit - 1) / limit;
    }

    /** 1-based: the page the offset falls on. */
    public static long currentPage(long offset, int limit) {
        return offset / limit + 1;
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
