package com.bazaar.worker.webhook;

import java.time.Instant;

/**
 * What one delivery attempt got.
 *
 * @param statusCode the receiver's status, or null when it gave none
 * @param error      why there was no status (refused address, connection refused, timeout), else null
 */
public record Attempt(Integer statusCode, String error, long durationMillis, Instant at) {
    static final int MAX_ERROR_LENGTH = 500;

    static Attempt answered(int statusCode, long durationMillis, Instant at) {
        return new Attempt(statusCode, null, durationMillis, at);
    }

    static Attempt unanswered(String error, long durationMillis, Instant at) {
        return new Attempt(null, error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error,
                durationMillis, at);
    }

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** For logs and the deliveries list: the status, or the error. */
    public String outcome() {
        return statusCode != null ? "HTTP " + statusCode : error;
    }
}
