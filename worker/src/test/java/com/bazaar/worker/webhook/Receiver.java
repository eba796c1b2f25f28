package com.bazaar.worker.webhook;

import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for the tests, as a user would write one with the JDK's HttpServer: it keeps every request it
 * gets and answers {@link #answer(int)} (200 at first), after {@link #hang(long)} milliseconds if set.
 */
final class Receiver implements AutoCloseable {
    /** One request as received, with what it was answered. */
    record Received(String eventId, String signature, String body, int answeredWith) {
        JsonNode json() {
            try {
                return Api.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long sequence() {
            return json().get("sequence").asLong();
        }

        /** Whether the signature is HMAC-SHA256 of "t.body" under {@code secret}, computed here independently. */
        boolean signedWith(String secret) {
            String[] parts = signature.split(",");
            String t = parts[0].substring("t=".length());
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
                return parts.length == 2 && parts[1].equals("v1=" + expected);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile long hangMillis;

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void answer(int status) {
        this.status = status;
    }

    void hang(long millis) {
        this.hangMillis = millis;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered with a 2xx: what the receiver has accepted. */
    List<Received> accepted() {
        return received.stream().filter(r -> r.answeredWith() / 100 == 2).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (hangMillis > 0) {
            try {
                Thread.sleep(hangMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int answer = status;
        received.add(new Received(exchange.getRequestHeaders().getFirst("Bazaar-Event-Id"),
                exchange.getRequestHeaders().getFirst("Bazaar-Signature"), body, answer));
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
