package com.bazaar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.json.StrictJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A raw HTTP client for the service and the admin ports of both processes, so tests can send exactly the bytes and
 * headers they mean. Test users log in with {@link #password}.
 */
public final class Api {
    public static final ObjectMapper JSON = StrictJson.configure(Jackson.newObjectMapper());
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String baseUrl;
    private final String authorization;

    private Api(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    public static Api at(int port) {
        return new Api("http://localhost:" + port, null);
    }

    public Api as(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return withAuthorization("Basic " + token);
    }

    public Api as(String user) {
        return as(user, password(user));
    }

    /** Every test user's password is its name followed by "-pass". */
    public static String password(String user) {
        return user + "-pass";
    }

    public Api withAuthorization(String header) {
        return new Api(baseUrl, header);
    }

    /** Creates a store with a fresh unique name (the caller must be an admin) and returns its id. */
    public long newStore() {
        HttpResponse<String> created = post("/stores", "{\"name\": \"Store " + UUID.randomUUID() + "\"}");
        return json(created).at("/store/id").asLong();
    }

    /** Creates a product with a fresh unique name (the caller must be an admin) and returns its id. */
    public long newProduct() {
        HttpResponse<String> created = post("/products", "{\"name\": \"Product " + UUID.randomUUID() + "\"}");
        return json(created).get("productId").asLong();
    }

    /** A level's quantity as the API shows it (the caller may read inventory). */
    public long currentQuantity(long store, long product) {
        return json(get("/stores/" + store + "/inventory/" + product)).get("currentQuantity").asLong();
    }

    /** An admin port's health checks, once the page has answered {@code expectedStatus} (500 when one is unhealthy). */
    public JsonNode healthChecks(int expectedStatus) {
        HttpResponse<String> response = get("/healthcheck");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return json(response);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> post(String path, String body) {
        return post(path, body, "application/json");
    }

    public HttpResponse<String> post(String path, String body, String contentType) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** @param headers name, value, name, value ... */
    public HttpResponse<String> patch(String path, String body, String... headers) {
        return send(request(path).headers(withContentType(headers)).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    /** @param headers name, value, name, value ... */
    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = request(path).GET();
        return send(headers.length == 0 ? request : request.headers(headers));
    }

    private static String[] withContentType(String... headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        return all;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            try {
                return CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // The pooled connection was closed by the server after its last answer (Jetty closes one whose
                // oversized body it did not read): nothing of this request was answered, so send it once more.
                if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                    throw e;
                }
                return CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        // A lost answer fails the test instead of hanging the build.
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
