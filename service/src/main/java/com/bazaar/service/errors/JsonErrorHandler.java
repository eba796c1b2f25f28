package com.bazaar.service.errors;

import com.bazaar.errors.ErrorResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors in the contract's shape instead of its HTML page: requests Jetty refuses before the
 * application sees them (a URI with an encoded NUL or an ambiguous path separator, headers over the size limit,
 * a malformed request line), methods the server refuses for every path (TRACE) and errors of the servlet layer,
 * whatever the request's method: Jetty's own handler writes a body only for GET, POST and HEAD.
 */
public class JsonErrorHandler extends ErrorHandler {
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private final ObjectMapper json;
    private final HttpField allow;

    /** {@code allowedMethods}: what the server accepts at all, the {@code Allow} of a 405 it raises itself. */
    public JsonErrorHandler(ObjectMapper json, Set<String> allowedMethods) {
        this.json = json;
        this.allow = new HttpField(HttpHeader.ALLOW, String.join(", ", new TreeSet<>(allowedMethods)));
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(JSON);
        if (code == HttpStatus.METHOD_NOT_ALLOWED_405 && !response.getHeaders().contains(HttpHeader.ALLOW)) {
            response.getHeaders().put(allow);
        }
        response.write(true, body(code, message), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        return body(status, reason);
    }

    private ByteBuffer body(int code, String message) {
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        try {
            return ByteBuffer.wrap(json.writeValueAsBytes(new ErrorResponse(code, text, null)));
        } catch (JsonProcessingException e) {
            return ByteBuffer.wrap(("{\"code\":" + code + "}").getBytes(StandardCharsets.UTF_8));
        }
    }
}
