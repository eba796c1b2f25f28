package com.bazaar.service.errors;

import com.bazaar.json.JsonProblems;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A request body that is not JSON, or not the JSON this endpoint takes: 400 naming the field and what it must be. */
public class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorMapper.class);

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof InvalidDefinitionException) {
            LOG.error("JSON binding is broken for {}", ((InvalidDefinitionException) e).getType(), e);
            return ErrorResponse.builder(500, "Internal server error").build();
        }
        return ErrorResponse.builder(400, JsonProblems.describe(e)).build();
    }
}
