package com.bazaar.service.tier;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.bazaar.auth.UserConfiguration;
import com.bazaar.json.StrictJson;
import com.bazaar.service.JerseyFoundation;
import com.bazaar.service.ratelimit.FailedLogins;
import com.bazaar.service.ratelimit.LoginPenalty;
import com.bazaar.testing.Api;
import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.CaffeineSpec;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.util.TimeValue;
import org.glassfish.jersey.apache5.connector.Apache5ClientProperties;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.test.grizzly.GrizzlyWebTestContainerFactory;

/**
 * The resource tier: resources under Dropwizard's {@link ResourceExtension} on the application's own foundation
 * ({@link JerseyFoundation}: Basic Auth with roles, the error mappers, the strict JSON mapper), with fakes in
 * place of the queue, the database and the clock. No PostgreSQL, no queue: a test class runs in milliseconds.
 * What a servlet filter or Jetty itself decides (rate limits, body size, request ids) is in the filter tests and
 * the ITs.
 */
public final class ResourceTier {
    public static final String ADMIN = "admin";
    public static final String CLERK = "clerk";
    public static final String AUDITOR = "auditor";
    private static final List<UserConfiguration> USERS = List.of(
            user(ADMIN, "admin"), user(CLERK, "clerk"), user(AUDITOR, "auditor"));

    private ResourceTier() {
    }

    /** A ResourceExtension builder with the foundation registered; add the resource under test. */
    public static ResourceExtension.Builder builder() {
        var failedLogins = new FailedLogins(new LoginPenalty(), new LoginPenalty(), new LoginPenalty(), 100, Clock.systemUTC());
        var builder = ResourceExtension.builder()
                .setMapper(StrictJson.configure(Jackson.newObjectMapper()))
                .setRegisterDefaultExceptionMappers(false)
                .setTestContainerFactory(new GrizzlyWebTestContainerFactory())
                .setClientConfigurator(client -> client.connectorProvider(new Apache5ConnectorProvider())
                        // A test that only reads a status leaves its connection leased: a pool no class can exhaust.
                        .property(Apache5ClientProperties.CONNECTION_MANAGER, connections())
                        // The client would wait out a 503's Retry-After and ask again: the tests read the first answer.
                        .property(Apache5ClientProperties.RETRY_STRATEGY, new DefaultHttpRequestRetryStrategy(0, TimeValue.ZERO_MILLISECONDS)));
        JerseyFoundation.components(USERS, CaffeineSpec.parse("maximumSize=100"), failedLogins, new MetricRegistry())
                .forEach(builder::addProvider);
        return builder;
    }

    private static PoolingHttpClientConnectionManager connections() {
        var connections = new PoolingHttpClientConnectionManager();
        connections.setMaxTotal(10_000);
        connections.setDefaultMaxPerRoute(10_000);
        return connections;
    }

    /** The {@code Authorization} header of a test user (the password {@link Api#password} gives). */
    public static String basic(String user) {
        return basic(user, Api.password(user));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request as a user. */
    public static Invocation.Builder as(ResourceExtension resources, String user, String path) {
        return as(user, resources.target(path));
    }

    /** A request as a user to a target of its own, such as one with query parameters. */
    public static Invocation.Builder as(String user, WebTarget target) {
        return target.request(MediaType.APPLICATION_JSON).header("Authorization", basic(user));
    }

    public static Entity<String> json(String body) {
        return Entity.entity(body, MediaType.APPLICATION_JSON_TYPE);
    }

    /** The error body's {@code message}, checking the contract's error shape on the way. */
    public static String errorMessage(Response response) {
        var body = response.readEntity(ErrorBody.class);
        if (body.code() != response.getStatus()) {
            throw new AssertionError("error body code " + body.code() + " on a " + response.getStatus());
        }
        return body.message();
    }

    public record ErrorBody(int code, String message, List<String> errors) {
    }

    private static UserConfiguration user(String name, String role) {
        return new UserConfiguration(name, BCrypt.withDefaults().hashToString(4, Api.password(name).toCharArray()), Set.of(role));
    }
}
