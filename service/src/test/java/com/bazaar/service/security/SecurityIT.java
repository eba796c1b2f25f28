package com.bazaar.service.security;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * What the service shows someone who should not see it: the admin port's role matrix, the security headers, the
 * size limits, and no secret in any answer or log line. (The application endpoints' role matrix, with and
 * without credentials, is {@code RoleMatrixIT}; throttling is {@code LoginThrottleIT}; HTTPS is {@code TlsIT}.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecurityIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension(
            ConfigOverride.config("requestLimits.maxBodySize", "64KiB"));
    static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    /** Every answer a test got, status line, headers and body, for the secrets check at the end. */
    static final List<String> ANSWERS = new ArrayList<>();

    @BeforeAll
    static void captureEveryLogLine() {
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
    }

    @AfterAll
    static void noSecretInAnyAnswerOrLogLine() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        List<String> produced = new ArrayList<>(ANSWERS);
        LOG.list.forEach(event -> produced.add(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage())));
        assertThat(produced).as("answers and log lines").isNotEmpty();
        for (String user : List.of(ServiceTestApp.ADMIN, ServiceTestApp.CLERK, ServiceTestApp.AUDITOR)) {
            assertThat(produced).noneMatch(line -> line.contains(ServiceTestApp.password(user)));
        }
        assertThat(produced).noneMatch(line -> line.contains("wrong-secret-42"));
        assertThat(produced).noneMatch(line -> line.matches("(?s).*\\$2[aby]\\$\\d\\d\\$.*"));
    }

    static HttpResponse<String> keep(HttpResponse<String> response) {
        synchronized (ANSWERS) {
            ANSWERS.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
        }
        return response;
    }

    static Api app() {
        return Api.at(APP.getLocalPort());
    }

    static Api adminPort() {
        return Api.at(APP.getAdminPort());
    }

    static HttpResponse<String> call(Api api, String method, String path) {
        return keep(api.send(api.request(path).method(method, HttpRequest.BodyPublishers.noBody())));
    }

    @ParameterizedTest(name = "{0} {1}: anonymous {2}, admin {3}, clerk {4}, auditor {5}")
    @CsvSource({
        "GET,  /healthcheck,               open, open, open, open",
        "GET,  /ping,                      open, open, open, open",
        "GET,  /metrics,                   open, open, open, open",
        "GET,  /metrics/prometheus,        open, open, open, open",
        "GET,  /threads,                   open, open, open, open",
        "POST, /tasks/gc,                  401,  open, 403,  403",
        "POST, /tasks/log-level?logger=com.bazaar&level=INFO, 401, open, 403, 403",
    })
    void theServiceAdminPortProtectsWhatChangesState(String method, String path, String anonymous, String admin,
                                                      String clerk, String auditor) {
        assertAdmin(call(adminPort(), method, path), anonymous, "anonymous");
        assertAdmin(call(adminPort().as(ServiceTestApp.ADMIN, "wrong-secret-42"), method, path),
                anonymous.equals("open") ? "open" : "401", "wrong password");
        assertAdmin(call(adminPort().as("nobody", "wrong-secret-42"), method, path),
                anonymous.equals("open") ? "open" : "401", "unknown user");
        assertAdmin(call(adminPort().as(ServiceTestApp.ADMIN), method, path), admin, "admin");
        assertAdmin(call(adminPort().as(ServiceTestApp.CLERK), method, path), clerk, "clerk");
        assertAdmin(call(adminPort().as(ServiceTestApp.AUDITOR), method, path), auditor, "auditor");
    }

    static void assertAdmin(HttpResponse<String> response, String expected, String who) {
        if (expected.equals("open")) {
            assertThat(response.statusCode()).as("%s: %s", who, response.body()).isNotIn(401, 403);
            return;
        }
        assertThat(response.statusCode()).as(who).isEqualTo(Integer.parseInt(expected));
        assertThat(json(response).get("code").asInt()).isEqualTo(Integer.parseInt(expected));
        assertThat(json(response).get("message").asText()).isNotBlank();
        if (expected.equals("401")) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"bazaar\"");
        }
    }

    @Test
    void everyAnswerOfTheApplicationPortCarriesTheSecurityHeadersAndNoBanner() {
        for (HttpResponse<String> response : List.of(
                call(app(), "GET", "/products"),
                call(app().as(ServiceTestApp.ADMIN, "wrong-secret-42"), "GET", "/products"),
                call(app().as(ServiceTestApp.CLERK), "GET", "/products"),
                call(app().as(ServiceTestApp.CLERK), "POST", "/products"),
                call(app().as(ServiceTestApp.ADMIN), "GET", "/no-such-path"))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("Strict-Transport-Security")).as("not over plain HTTP").isEmpty();
            assertThat(response.headers().firstValue("Server")).isEmpty();
            assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
            assertThat(response.body()).doesNotContainIgnoringCase("jetty").doesNotContainIgnoringCase("dropwizard");
        }
        HttpResponse<String> adminPort404 = call(adminPort(), "GET", "/no-such-path");
        assertThat(adminPort404.headers().firstValue("Server")).isEmpty();
        assertThat(adminPort404.body()).doesNotContainIgnoringCase("jetty");
    }

    @Test
    void aBodyOverTheLimitIs413WithTheErrorShapeAndWritesNothing() {
        String name = "Big " + UUID.randomUUID();
        String body = "{\"name\": \"" + name + "\", \"sku\": \"" + "x".repeat(70_000) + "\"}";

        HttpResponse<String> declared = keep(app().as(ServiceTestApp.ADMIN).post("/products", body));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared).get("code").asInt()).isEqualTo(413);
        assertThat(json(declared).get("message").asText()).isNotBlank();
        long written = ServiceTestApp.database().withHandle(h -> h.select("SELECT count(*) FROM products WHERE name = ?", name)
                .mapTo(Long.class).one());
        assertThat(written).isZero();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() {
        byte[] bytes = ("{\"name\": \"" + "y".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        // no Content-Length: the limit has to count what it reads
        HttpRequest.BodyPublisher unknownLength = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        Api admin = app().as(ServiceTestApp.ADMIN);

        HttpResponse<String> chunked = keep(admin.send(admin.request("/products").header("Content-Type", "application/json")
                .POST(unknownLength)));

        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(json(chunked).get("code").asInt()).isEqualTo(413);
    }

    @Test
    void aBodyUnderTheLimitIsRead() {
        HttpResponse<String> created = keep(app().as(ServiceTestApp.ADMIN).post("/products",
                "{\"name\": \"Small " + UUID.randomUUID() + "\"}"));
        assertThat(created.statusCode()).isEqualTo(201);
    }

    @Test
    void overlongUrisAndHeadersAreRefusedWithTheErrorShape() {
        HttpResponse<String> longUri = call(app().as(ServiceTestApp.ADMIN), "GET", "/products?q=" + "u".repeat(9_000));
        assertThat(longUri.statusCode()).isEqualTo(414);
        assertThat(json(longUri).get("code").asInt()).isEqualTo(414);

        Api admin = app().as(ServiceTestApp.ADMIN);
        HttpResponse<String> bigHeader = keep(admin.send(admin.request("/products").header("X-Filler", "h".repeat(9_000)).GET()));
        assertThat(bigHeader.statusCode()).isEqualTo(431);
        assertThat(json(bigHeader).get("code").asInt()).isEqualTo(431);
    }
}
