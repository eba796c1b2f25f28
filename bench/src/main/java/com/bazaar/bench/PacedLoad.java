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
import java.util.function.IntFunction;

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
        HttpClient http = client();
        String authorization = authorization(user, password);
        return run(rate, seconds, i -> {
            long product = products[ThreadLocalRandom.current().nextInt(products.length)];
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodyFormat.formatted(product))).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(r -> r.statusCode() / 100 == 2);
        });
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    static String authorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code send.apply(i)} when the i-th of {@code rate * seconds} is due; what it completes with says whether
     * it succeeded (an exception is a failure), and its latency counts from when it was due.
     */
    static Result run(int rate, int seconds, IntFunction<CompletableFuture<Boolean>> send) throws Exception {
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
            sent[i] = send.apply(i).whenComplete((ok, error) -> {
                inFlight.decrementAndGet();
                if (error == null && ok) {
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
