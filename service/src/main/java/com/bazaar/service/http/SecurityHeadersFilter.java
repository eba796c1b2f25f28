package com.bazaar.service.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The application port's security headers on every answer: no MIME sniffing, no caching of what a user's
 * credentials unlocked (every endpoint needs them), and over HTTPS {@code Strict-Transport-Security}. An answer
 * with an ETag may replace {@code Cache-Control} with {@code private, no-cache} (the catalog's by-id reads).
 */
public class SecurityHeadersFilter implements Filter {
    private final String strictTransportSecurity;

    public SecurityHeadersFilter(long hstsMaxAgeSeconds) {
        this.strictTransportSecurity = "max-age=" + hstsMaxAgeSeconds;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("Cache-Control", "no-store");
        if (request.isSecure()) {
            http.setHeader("Strict-Transport-Security", strictTransportSecurity);
        }
        chain.doFilter(request, response);
    }
}
