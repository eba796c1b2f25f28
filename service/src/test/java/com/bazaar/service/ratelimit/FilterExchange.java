package com.bazaar.service.ratelimit;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One request through a servlet filter without a server: a GET from an address, an answer that keeps its status,
 * headers and body, and whether the filter passed the request on (the chain stands for everything behind it).
 */
final class FilterExchange {
    final Answer response = new Answer();
    final HttpServletRequest request = mock(HttpServletRequest.class);
    private boolean passedOn;

    private FilterExchange(String address, String authorization) {
        when(request.getRemoteAddr()).thenReturn(address);
        when(request.getMethod()).thenReturn("GET");
        when(request.getHeader("Authorization")).thenReturn(authorization);
    }

    /** The request through {@code filter}; behind it, the application answers {@code status}. */
    static FilterExchange through(Filter filter, String address, String authorization, int status)
            throws IOException, ServletException {
        var exchange = new FilterExchange(address, authorization);
        FilterChain application = (request, response) -> {
            exchange.passedOn = true;
            ((HttpServletResponse) response).setStatus(status);
        };
        filter.doFilter(exchange.request, exchange.response, application);
        return exchange;
    }

    boolean passedOn() {
        return passedOn;
    }

    static final class Answer extends HttpServletResponseWrapper {
        private final Map<String, String> headers = new HashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status = 200;
        private String contentType;

        Answer() {
            super(mock(HttpServletResponse.class));
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setHeader(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name);
        }

        @Override
        public void setContentType(String type) {
            this.contentType = type;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("blocking writes only");
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
        }

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }
}
