package com.bazaar.service.ratelimit;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real filter with a tiny bucket (3 requests, 1 more per second). The test client is 127.0.0.1, made a
 * trusted proxy so that each test can be a different client through X-Forwarded-For.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension(
            ConfigOverride.config("rateLimit.requestsPerSecond", "1"),
            ConfigOverride.config("rateLimit.burst", "3"),
            ConfigOverride.config("rateLimit.trustedProxies", "127.0.0.1"));

    HttpResponse<String> get(String client, String password) {
        Api api = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN, password);
        return api.send(api.request("/products").header("X-Forwarded-For", client).GET());
    }

    HttpResponse<String> get(String client) {
        return get(client, ServiceTestApp.password(ServiceTestApp.ADMIN));
    }

    /** Requests until one is refused; the bucket holds 3, so it must come within a few. */
    HttpResponse<String> exhaust(String client) {
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> response = get(client);
            if (response.statusCode() == 429) {
                return response;
            }
        }
        throw new AssertionError("never limited");
    }

    @Test
    void aClientOverItsBurstGets429WithHeadersAndRecoversAfterTheRefill() {
        HttpResponse<String> first = get("198.51.100.1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("RateLimit-Limit")).hasValue("3");
        assertThat(first.headers().firstValue("RateLimit-Remaining")).hasValue("2");
        assertThat(first.headers().firstValue("RateLimit-Reset")).hasValue("1");

        HttpResponse<String> limited = exhaust("198.51.100.1");

        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(limited.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(limited.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(json(limited).get("code").asInt()).isEqualTo(429);
        await().atMost(Duration.ofSeconds(5)).until(() -> get("198.51.100.1").statusCode() == 200);
    }

    /**
     * The refused request's body is never read, so the connection cannot carry another request: the 429 says so.
     * Sent by hand with the body held back, as a client whose body travels in a later packet.
     */
    @Test
    void aRefusedRequestWithABodyClosesItsConnection() throws Exception {
        exhaust("198.51.100.5");
        String credentials = Base64.getEncoder().encodeToString((ServiceTestApp.ADMIN + ":"
                + ServiceTestApp.password(ServiceTestApp.ADMIN)).getBytes(StandardCharsets.UTF_8));

        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /products HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Forwarded-For: 198.51.100.5\r\nAuthorization: Basic " + credentials + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 20\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder head = new StringBuilder();
            for (int b; !head.toString().endsWith("\r\n\r\n") && (b = socket.getInputStream().read()) != -1; ) {
                head.append((char) b);
            }

            assertThat(head.toString()).startsWith("HTTP/1.1 429").containsIgnoringCase("Connection: close");
        }
        assertThat(exhaust("198.51.100.6").headers().firstValue("Connection")).as("a refused GET keeps its connection")
                .isEmpty();
    }

    @Test
    void eachClientHasItsOwnBucket() {
        exhaust("198.51.100.2");

        assertThat(get("198.51.100.3").statusCode()).isEqualTo(200);
    }

    @Test
    void failedLoginsCountAgainstTheCaller() {
        HttpResponse<String> wrong = get("198.51.100.4", "wrong");

        // A fresh bucket holds 3: the failed login took one, whatever the time (a refill cannot top up a full bucket).
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("RateLimit-Remaining")).hasValue("2");
    }

    @Test
    void addressesAClientPutsInFrontOfItsOwnAreNotBelieved() {
        exhaust("198.51.100.5");

        assertThat(get("203.0.113.7, 198.51.100.5").statusCode()).isEqualTo(429);
    }

    @Test
    void theAdminPortIsNotLimited() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 10; i++) {
            var response = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + APP.getAdminPort() + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("RateLimit-Limit")).isEmpty();
        }
    }
}
