package com.bazaar.service.errors;

import com.bazaar.errors.ErrorResponse;
import com.bazaar.json.JsonProblems;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body that is not JSON, or not the JSON this endpoint takes: 400 naming the field and what it must be;
 * a body Jetty stopped reading keeps Jetty's status (413 over the size limit).
 */
public class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorMapper.class);

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof InvalidDefinitionException) {
            LOG.error("JSON binding is broken for {}", ((InvalidDefinitionException) e).getType(), e);
            return ErrorResponse.builder(500, "Internal server error").build();
        }
        Optional<Integer> refusedByJetty = jettyRefusal(e);
        if (refusedByJetty.isPresent()) {
            return ErrorResponse.builder(refusedByJetty.get(), refusedByJetty.get() == 413
                    ? "The request body is larger than this server accepts" : "The request body could not be read").build();
        }
        return ErrorResponse.builder(400, JsonProblems.describe(e)).build();
    }

    /** Jetty's own refusal while the body was read, such as its size limit's 413 on a body without a length. */
    private static Optional<Integer> jettyRefusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException refusal && refusal.getCode() >= 400 && refusal.getCode() < 500) {
                return Optional.of(refusal.getCode());
            }
        }
        return Optional.empty();
    }
}
