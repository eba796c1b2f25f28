package com.bazaar.service.errors;

import com.bazaar.errors.ErrorResponse;
import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/** Bean Validation failures on bodies and parameters: 400 (never Dropwizard's 422), one line per problem. */
public class ValidationErrorMapper implements ExceptionMapper<JerseyViolationException> {
    @Override
    public Response toResponse(JerseyViolationException e) {
        List<String> errors = e.getConstraintViolations().stream()
                .map(violation -> ConstraintMessage.getMessage(violation, e.getInvocable()))
                .sorted()
                .toList();
        return ErrorResponse.builder(400, String.join("; ", errors), errors).build();
    }
}
