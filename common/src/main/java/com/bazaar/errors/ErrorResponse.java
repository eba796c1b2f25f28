package com.bazaar.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;

/**
 * The contract's error body: {@code {"code": 400, "message": "...", "errors": [...]}}, on both ports of both
 * processes: the service's exception mappers, and the servlet filters that answer before Jersey sees a request.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Error")
public record ErrorResponse(int code, String message, List<String> errors) {

    public static Response.ResponseBuilder builder(int status, String message) {
        return builder(status, message, null);
    }

    public static Response.ResponseBuilder builder(int status, String message, List<String> errors) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(status, message, errors));
    }

    /** A servlet filter's whole answer; headers such as {@code Retry-After} go on {@code response} before. */
    public static void write(HttpServletResponse response, ObjectMapper json, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON);
        json.writeValue(response.getOutputStream(), new ErrorResponse(status, message, null));
    }
}
