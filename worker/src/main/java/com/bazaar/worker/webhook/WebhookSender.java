package com.bazaar.worker.webhook;

import com.bazaar.webhook.AddressRule;
import com.bazaar.webhook.WebhookUrl;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one signed event with the JDK's HttpClient: no redirects followed, HTTP/1.1, {@code timeout} to connect and
 * the same for the whole exchange, at most 64 KiB of the answer read (and dropped). Before each send the host is
 * resolved again and refused if any address is not public, since DNS may have changed since the subscription; the
 * client then resolves the name itself to connect (it cannot be handed an address while keeping the name for TLS
 * SNI and certificate checks), which the JVM's DNS cache (30 s by default) makes the same answer in all but a
 * rebinding attack timed between the two lookups. That window is documented in docs/API.md.
 */
public final class WebhookSender {
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final String USER_AGENT = "Bazaar-Webhooks/1";

    private final HttpClient client;
    private final Duration timeout;
    private final boolean allowPrivate;
    private final WebhookUrl.Resolver resolver;
    private final Clock clock;

    public WebhookSender(Duration timeout, boolean allowPrivate, WebhookUrl.Resolver resolver, Clock clock) {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).build();
        this.timeout = timeout;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
        this.clock = clock;
    }

    public Attempt send(String url, UUID eventId, byte[] body, String signature) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        Optional<String> refused = allowPrivate ? Optional.empty() : refusal(url);
        if (refused.isPresent()) {
            return Attempt.unanswered("not sent: " + refused.get(), millisSince(started), at);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("Bazaar-Event-Id", eventId.toString())
                .header(WebhookSignature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(request, info -> new CappedDiscard());
        try {
            HttpResponse<Void> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Attempt.answered(response.statusCode(), millisSince(started), at);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Attempt.unanswered("no answer within " + timeout.toSeconds() + " s", millisSince(started), at);
        } catch (ExecutionException e) {
            return Attempt.unanswered(describe(e.getCause()), millisSince(started), at);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return Attempt.unanswered("interrupted: the worker is stopping", millisSince(started), at);
        }
    }

    private Optional<String> refusal(String url) {
        String host = URI.create(url).getHost();
        try {
            return AddressRule.refusal(resolver.resolve(host)).map(reason -> host + " resolves to " + reason);
        } catch (UnknownHostException e) {
            return Optional.of(host + " does not resolve");
        }
    }

    private static String describe(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return "timed out: " + cause.getMessage();
        }
        if (cause instanceof ConnectException) {
            return "could not connect" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return cause.toString();
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Reads and drops the answer, up to {@link #MAX_ANSWER_BYTES}; past that the exchange is cancelled. */
    private static final class CappedDiscard implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long read;

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                read += buffer.remaining();
            }
            if (read > MAX_ANSWER_BYTES) {
                subscription.cancel();
                done.complete(null);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
