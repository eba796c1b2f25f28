package com.bazaar.auth;

import com.bazaar.errors.ErrorResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Basic authentication with the {@code admin} role in front of an admin port's protected paths
 * ({@link AdminAccess}): 401 without valid credentials, 403 for another role, in the API's error shape.
 * Verified credentials are not cached: admin calls are rare, and each costs one bcrypt check.
 */
public class AdminAuthFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);
    private final PasswordCheck passwords;
    private final ObjectMapper json;

    public AdminAuthFilter(PasswordCheck passwords, ObjectMapper json) {
        this.passwords = passwords;
        this.json = json;
    }

    /** Puts the filter on the environment's admin port, in front of the paths {@code access} names. */
    public static void protect(Environment environment, List<UserConfiguration> users, AdminAccess access) {
        var filter = environment.admin().addFilter("admin-auth",
                new AdminAuthFilter(new PasswordCheck(users), environment.getObjectMapper()));
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, access.urlPattern());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Optional<UserConfiguration> user = BasicAuthorization.parse(http.getHeader("Authorization"))
                .flatMap(credentials -> passwords.verify(credentials.getUsername(), credentials.getPassword()));
        if (user.isEmpty()) {
            LOG.warn("Admin request without valid credentials: {} {} from {}", http.getMethod(), http.getRequestURI(),
                    http.getRemoteAddr());
            HttpServletResponse refusal = (HttpServletResponse) response;
            refusal.setHeader("WWW-Authenticate", "Basic realm=\"bazaar\"");
            ErrorResponse.write(refusal, json, 401, "Credentials of a user with the admin role are required");
        } else if (!user.get().roles().contains(RoleNames.ADMIN)) {
            LOG.warn("Admin request by {} without the admin role: {} {}", user.get().name(), http.getMethod(),
                    http.getRequestURI());
            ErrorResponse.write((HttpServletResponse) response, json, 403, "Only the admin role may use this admin endpoint");
        } else {
            chain.doFilter(request, response);
        }
    }
}
