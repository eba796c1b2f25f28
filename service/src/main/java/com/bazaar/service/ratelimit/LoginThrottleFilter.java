package com.bazaar.service.ratelimit;

import com.bazaar.auth.BasicAuthorization;
import com.codahale.metrics.Meter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.basic.BasicCredentials;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses logins (429 with {@code Retry-After}) for a user name or from a client that {@link FailedLogins} has
 * locked, before their password costs a bcrypt check, and records failures: a 401 to a request that carried an
 * {@code Authorization} header (a request without one is not a login). Successes are {@link ForgiveOnSuccess}'s.
 */
public class LoginThrottleFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottleFilter.class);
    private static final int LOGGED_NAME_LENGTH = 64;

    private final FailedLogins failedLogins;
    private final ClientAddress clients;
    private final ObjectMapper json;
    private final Meter throttled;

    public LoginThrottleFilter(FailedLogins failedLogins, ClientAddress clients, ObjectMapper json, Meter throttled) {
        this.failedLogins = failedLogins;
        this.clients = clients;
        this.json = json;
        this.throttled = throttled;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String header = http.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String user = BasicAuthorization.parse(header).map(BasicCredentials::getUsername).orElse(null);
        String client = clients.of(http);
        Optional<Duration> refusal = failedLogins.refusal(user, client);
        if (refusal.isPresent()) {
            throttled.mark();
            long retryAfter = Math.max(1, ceilSeconds(refusal.get()));
            TooManyRequests.answer((HttpServletResponse) response, json, retryAfter,
                    "Too many failed logins for this user or from this address; retry after " + retryAfter + " s");
            return;
        }
        chain.doFilter(request, response);
        // A 401 is decided before any resource runs, so it is set by now even for asynchronous resources.
        if (((HttpServletResponse) response).getStatus() == 401) {
            FailedLogins.Penalty penalty = failedLogins.failed(user, client);
            penalty.lock().ifPresent(lock -> LOG.warn("Failed login for user {} from {} ({} failures): logins refused for {} s",
                    printable(user), client, penalty.failures(), ceilSeconds(lock)));
        }
    }

    private static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }

    /** A name as the client sent it, made safe for a log line: quoted, no control characters, bounded. */
    static String printable(String name) {
        if (name == null) {
            return "(unreadable credentials)";
        }
        String bounded = name.length() > LOGGED_NAME_LENGTH ? name.substring(0, LOGGED_NAME_LENGTH) + "..." : name;
        return "'" + bounded.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
