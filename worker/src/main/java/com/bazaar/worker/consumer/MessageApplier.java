package com.bazaar.worker.consumer;

import com.bazaar.db.Databases;
import com.bazaar.movement.MovementCodec;
import com.bazaar.movement.MovementCodec.InvalidMessageException;
import com.bazaar.movement.Movement;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementSource;
import com.bazaar.queue.MessageAttributes;
import com.bazaar.worker.ledger.LedgerWriter;
import com.bazaar.worker.ledger.Outcome;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Turns a received batch into committed effects and says what to do with each message. It never touches
 * the queue itself, so a message is deleted only after this has returned, that is after the commit.
 */
public class MessageApplier {
    private static final Logger LOG = LoggerFactory.getLogger(MessageApplier.class);
    /** One line per movement applied or rejected, with its request id in the MDC; an operator may quiet it. */
    private static final Logger MOVEMENTS = LoggerFactory.getLogger("com.bazaar.worker.movements");
    static final String DEFAULT_ACTOR = "sqs";
    private static final String MDC_REQUEST_ID = "requestId";
    private static final int MAX_REQUEST_ID_LENGTH = 128;

    private final MovementCodec codec = new MovementCodec();
    private final LedgerWriter ledger;
    private final Clock clock;
    private final Timer transactionTime;
    private final Timer lag;
    private final Map<Outcome, Meter> outcomes = new EnumMap<>(Outcome.class);

    public MessageApplier(LedgerWriter ledger, MetricRegistry metrics, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
        this.transactionTime = metrics.timer("bazaar.worker.transaction");
        this.lag = metrics.timer("bazaar.worker.lag");
        outcomes.put(Outcome.APPLIED, metrics.meter("bazaar.worker.movements.applied"));
        outcomes.put(Outcome.REJECTED, metrics.meter("bazaar.worker.movements.rejected"));
        outcomes.put(Outcome.DUPLICATE, metrics.meter("bazaar.worker.movements.duplicates"));
    }

    /**
     * @throws RuntimeException when the database is unavailable ({@link Databases#isUnavailable}): then nothing
     *                          of this batch is committed, and every message should stay on the queue
     */
    public Disposition apply(List<Message> messages) {
        Map<Message, String> deadLetter = new LinkedHashMap<>();
        Map<Message, Movement> movements = new LinkedHashMap<>();
        for (Message message : messages) {
            try {
                movements.put(message, toMovement(message, codec.decode(message.body())));
            } catch (InvalidMessageException e) {
                try (var mdc = withRequestId(MessageAttributes.read(message, MessageAttributes.REQUEST_ID))) {
                    LOG.warn("Message {} is not a stock movement, dead-lettering it: {}", message.messageId(), e.getMessage());
                }
                deadLetter.put(message, e.getMessage());
            }
        }
        List<Message> delete = new ArrayList<>();
        List<Message> retry = new ArrayList<>();
        try {
            List<Movement> batch = List.copyOf(movements.values());
            record(batch, commit(batch));
            delete.addAll(movements.keySet());
        } catch (RuntimeException e) {
            if (Databases.isUnavailable(e)) {
                throw e;
            }
            // One message may be what breaks the batch: apply them one by one so the others still go through.
            LOG.warn("Batch of {} movements failed, retrying them one by one: {}", movements.size(), e.toString());
            movements.forEach((message, movement) -> {
                try {
                    record(List.of(movement), commit(List.of(movement)));
                    delete.add(message);
                } catch (RuntimeException single) {
                    if (Databases.isUnavailable(single)) {
                        throw single;
                    }
                    try (var mdc = withRequestId(movement.requestId())) {
                        LOG.error("Movement {} (message {}) failed; leaving it on the queue", movement.movementId(),
                                message.messageId(), single);
                    }
                    retry.add(message);
                }
            });
        }
        return new Disposition(delete, deadLetter, retry);
    }

    private List<Outcome> commit(List<Movement> batch) {
        try (Timer.Context timing = transactionTime.time()) {
            return ledger.apply(batch);
        }
    }

    /** After the commit: metrics, and a log line per movement that carries its request id. */
    private void record(List<Movement> batch, List<Outcome> results) {
        Instant now = clock.instant();
        for (int i = 0; i < batch.size(); i++) {
            Movement movement = batch.get(i);
            Outcome outcome = results.get(i);
            outcomes.get(outcome).mark();
            if (outcome != Outcome.DUPLICATE) {
                lag.update(Duration.between(movement.acceptedAt(), now));
            }
            try (var mdc = withRequestId(movement.requestId())) {
                MOVEMENTS.info("Movement {} {}: {} {} of product {} at store {} (actor {}, source {})",
                        movement.movementId(), outcome.toString().toLowerCase(Locale.ROOT), movement.type(),
                        movement.quantity(), movement.productId(), movement.storeId(), movement.actor(), movement.source());
            }
        }
    }

    private static MDC.MDCCloseable withRequestId(String requestId) {
        return MDC.putCloseable(MDC_REQUEST_ID, requestId == null ? "" : requestId);
    }

    private static Movement toMovement(Message message, MovementMessage body) {
        Instant sent = MessageAttributes.sentAt(message);
        UUID movementId = body.movementId() != null ? body.movementId() : idOf(MessageAttributes.originalMessageId(message));
        MovementSource source = MovementSource.API.toString().equals(MessageAttributes.read(message, MessageAttributes.SOURCE))
                ? MovementSource.API : MovementSource.SQS;
        String requestId = MessageAttributes.read(message, MessageAttributes.REQUEST_ID);
        if (requestId != null && requestId.length() > MAX_REQUEST_ID_LENGTH) {
            requestId = requestId.substring(0, MAX_REQUEST_ID_LENGTH);
        }
        return new Movement(movementId, body.storeId(), body.productId(), body.type(), body.quantity(),
                body.expectedQuantity(), body.occurredAt() != null ? body.occurredAt() : sent,
                body.actor() != null ? body.actor() : DEFAULT_ACTOR,
                body.reason(), source, requestId, sent, body.toStoreId(), null);
    }

    /** SQS message ids are UUIDs; an SQS-compatible server that says otherwise still gets a stable id. */
    static UUID idOf(String messageId) {
        try {
            return UUID.fromString(messageId);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(messageId.getBytes(StandardCharsets.UTF_8));
        }
    }
}
