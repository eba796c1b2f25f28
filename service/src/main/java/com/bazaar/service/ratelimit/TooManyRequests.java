package com.bazaar.service.ratelimit;

import com.bazaar.errors.ErrorResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The 429 a filter answers before the application sees the request: {@code Retry-After} and the error shape
 * ({@code Connection: close} when the request has a body is {@link com.bazaar.service.http.CloseUnreadRequests}'s).
 */
final class TooManyRequests {
    private TooManyRequests() {
    }

    static void answer(HttpServletResponse response, ObjectMapper json,
                       long retryAfterSeconds, String message) throws IOException {
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        ErrorResponse.write(response, json, 429, message);
    }
}
