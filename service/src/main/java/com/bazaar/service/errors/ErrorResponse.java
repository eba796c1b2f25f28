package com.bazaar.service.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The contract's error body: {@code {"code": 400, "message": "...", "errors": [...]}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Error")
public record ErrorResponse(int code, String message, List<String> errors) {

    public static Response.ResponseBuilder builder(int status, String message) {
        return builder(status, message, null);
    }

    public static Response.ResponseBuilder builder(int status, String message, List<String> errors) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(status, message, errors));
    }
}
