package com.bazaar.service.errors;

import com.bazaar.db.Databases;
import com.bazaar.errors.ErrorResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything no other mapper claims. A database that cannot be reached is a 503 with {@code Retry-After};
 * everything else is a bug: logged in full, answered with a 500 that names no class, stack or SQL.
 */
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);
    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public Response toResponse(Throwable e) {
        if (Databases.isUnavailable(e)) {
            LOG.warn("Database unavailable: {}", e.toString());
            return ErrorResponse.builder(503, "The database is unavailable; retry later")
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.error("Unexpected error", e);
        return ErrorResponse.builder(500, "Internal server error; it has been logged under this response's X-Request-Id").build();
    }
}
