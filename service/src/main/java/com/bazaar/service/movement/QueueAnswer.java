package com.bazaar.service.movement;

import com.bazaar.errors.ErrorResponse;
import com.bazaar.service.http.RequestIdFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The acceptance endpoints' answer once the queue has spoken: their 202, or one 503 for an unreachable queue. */
public final class QueueAnswer {
    private static final Logger LOG = LoggerFactory.getLogger(QueueAnswer.class);
    static final int RETRY_AFTER_SECONDS = 2;

    private QueueAnswer() {
    }

    /** The 202 once the queue has the messages, else 503; on the SDK's thread, so with the request id put back. */
    public static CompletionStage<Response> answer(CompletionStage<Void> sent, String requestId, Supplier<Response> accepted) {
        return sent.handle((done, failure) -> {
            try (var mdc = MDC.putCloseable(RequestIdFilter.MDC_KEY, requestId)) {
                return failure != null ? queueUnavailable(failure) : accepted.get();
            }
        });
    }

    static Response queueUnavailable(Throwable failure) {
        LOG.warn("Could not enqueue: {}", failure.toString());
        return ErrorResponse.builder(503, "The movement queue is unavailable; nothing was recorded. "
                        + "Retry later, with the same Idempotency-Key")
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}
