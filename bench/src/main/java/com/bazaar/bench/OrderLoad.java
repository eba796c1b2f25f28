package com.bazaar.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Orders at a fixed rate (open loop, as {@link PacedLoad}): each holds one unit of a random product and, once the hold
 * is accepted, sells it by an {@code out} naming it; one in {@code abandonEvery} is abandoned instead, with a 2 s hold
 * that the worker must expire. An order succeeds when its last request is answered 202; its latency runs from when it
 * was due to then.
 */
final class OrderLoad {
    static final int ABANDONED_TTL_SECONDS = 2;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = PacedLoad.client();
    private final String authorization;
    private final String reservationUrl;
    private final String movementUrl;
    private final long[] products;

    OrderLoad(BenchedSystem system, String reservationUrl) {
        this.authorization = PacedLoad.authorization(system.user(), system.password());
        this.reservationUrl = reservationUrl;
        this.movementUrl = system.movementUrl();
        this.products = system.products();
    }

    PacedLoad.Result run(int rate, int seconds, int abandonEvery) throws Exception {
        return PacedLoad.run(rate, seconds, i -> {
            long product = products[ThreadLocalRandom.current().nextInt(products.length)];
            boolean abandoned = i % abandonEvery == 0;
            String hold = "{\"productId\": %d, \"quantity\": 1, \"ttlSeconds\": %d}".formatted(product,
                    abandoned ? ABANDONED_TTL_SECONDS : 300);
            CompletableFuture<HttpResponse<String>> held = post(reservationUrl, hold);
            if (abandoned) {
                return held.thenApply(r -> r.statusCode() == 202);
            }
            return held.thenCompose(r -> {
                if (r.statusCode() != 202) {
                    return CompletableFuture.completedFuture(false);
                }
                String sale = "{\"productId\": %d, \"type\": \"out\", \"quantity\": 1, \"reservationId\": \"%s\"}"
                        .formatted(product, holdId(r.body()));
                return post(movementUrl, sale).thenApply(s -> s.statusCode() == 202);
            });
        });
    }

    private CompletableFuture<HttpResponse<String>> post(String url, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String holdId(String accepted) {
        try {
            return json.readTree(accepted).at("/reservation/id").asText();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
