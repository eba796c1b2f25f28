package com.bazaar.service.errors;

import com.bazaar.errors.ErrorResponse;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every deliberate HTTP error (ours, Jersey's, dropwizard-auth's) in the contract's shape, keeping the
 * original status and headers such as {@code WWW-Authenticate}, {@code Allow} and {@code Retry-After}.
 */
public class WebApplicationErrorMapper implements ExceptionMapper<WebApplicationException> {
    private static final Logger LOG = LoggerFactory.getLogger(WebApplicationErrorMapper.class);
    private static final Map<Integer, String> DEFAULT_MESSAGES = Map.of(
            403, "Your role does not allow this request",
            404, "Nothing found at this path",
            405, "This method is not allowed on this path",
            406, "Only application/json responses are available",
            415, "Content-Type must be application/json (text/csv for an import)");

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.error("Server error {}", status, e);
        }
        Response.ResponseBuilder response = original.getEntity() instanceof ErrorResponse body
                ? ErrorResponse.builder(status, body.message(), body.errors())
                : ErrorResponse.builder(status, message(e, original));
        original.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    private static String message(WebApplicationException e, Response original) {
        if (original.getEntity() instanceof ErrorMessage error && error.getMessage() != null) {
            return error.getMessage();
        }
        String message = e.getMessage();
        boolean generic = message == null || message.startsWith("HTTP " + original.getStatus());
        if (!generic) {
            return message;
        }
        return DEFAULT_MESSAGES.getOrDefault(original.getStatus(), original.getStatusInfo().getReasonPhrase());
    }
}
