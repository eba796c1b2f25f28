package com.bazaar.service.ratelimit;

import com.bazaar.service.errors.ErrorResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The 429 a filter answers before the application sees the request: {@code Retry-After} and the error shape. */
final class TooManyRequests {
    private TooManyRequests() {
    }

    static void answer(HttpServletResponse response, ObjectMapper json, long retryAfterSeconds, String message)
            throws IOException {
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), new ErrorResponse(429, message, null));
    }
}
