package com.bazaar.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop POST load at a fixed rate: request i is due at start + i / rate and sent then whatever the answers
 * before it did, and its latency counts from when it was due, so a server that falls behind shows it. At most
 * {@link #MAX_IN_FLIGHT} wait for an answer at once; a request due beyond that counts as failed unsent, since the
 * client would otherwise open a connection for each (13,221 seen) and hold them past its own run.
 */
final class PacedLoad {
    record Result(long ok, long failed, double p50, double p99) {
    }

    static final int MAX_IN_FLIGHT = 512;

    private PacedLoad() {
    }

    static Result post(String url, String user, String password, String bodyFormat, long[] products, int rate,
                       int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        CompletableFuture<?>[] sent = new CompletableFuture<?>[rate * seconds];
        long start = System.nanoTime();
        for (int i = 0; i < sent.length; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                failed.incrementAndGet();
                sent[i] = CompletableFuture.completedFuture(null);
                continue;
            }
            inFlight.incrementAndGet();
            long product = products[ThreadLocalRandom.current().nextInt(products.length)];
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodyFormat.formatted(product))).build();
            sent[i] = http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                inFlight.decrementAndGet();
                if (error == null && response.statusCode() / 100 == 2) {
                    latencies.add(System.nanoTime() - due);
                } else {
                    failed.incrementAndGet();
                }
            });
        }
        try {
            CompletableFuture.allOf(sent).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // a server (or this client) that fell that far behind: what is still unanswered counts as failed
        }
        long unanswered = Arrays.stream(sent).filter(f -> !f.isDone()).count();
        long[] nanos = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(nanos.length, failed.get() + unanswered, Percentiles.at(nanos, 0.50), Percentiles.at(nanos, 0.99));
    }
}
