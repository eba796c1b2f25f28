package com.bazaar.worker.consumer;

import com.bazaar.db.Databases;
import com.bazaar.movement.Movement;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementSource;
import com.bazaar.queue.MessageAttributes;
import com.bazaar.queue.QueueCodec;
import com.bazaar.queue.QueueCodec.InvalidMessageException;
import com.bazaar.queue.QueueMessage;
import com.bazaar.queue.QueuedChange;
import com.bazaar.reservation.HoldMessage;
import com.bazaar.reservation.HoldRequest;
import com.bazaar.reservation.HoldType;
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

    private final QueueCodec codec = new QueueCodec();
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
        outcomes.put(Outcome.UNCHANGED, metrics.meter("bazaar.worker.movements.unchanged"));
    }

    /**
     * @throws RuntimeException when the database is unavailable ({@link Databases#isUnavailable}): then nothing
     *                          of this batch is committed, and every message should stay on the queue
     */
    public Disposition apply(List<Message> messages) {
        Map<Message, String> deadLetter = new LinkedHashMap<>();
        Map<Message, QueuedChange> movements = new LinkedHashMap<>();
        for (Message message : messages) {
            try {
                movements.put(message, settle(message, codec.decode(message.body())));
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
            List<QueuedChange> batch = List.copyOf(movements.values());
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
                        LOG.error("{} (message {}); leaving it on the queue", describe(movement, "failed"),
                                message.messageId(), single);
                    }
                    retry.add(message);
                }
            });
        }
        return new Disposition(delete, deadLetter, retry);
    }

    private List<Outcome> commit(List<QueuedChange> batch) {
        try (Timer.Context timing = transactionTime.time()) {
            return ledger.apply(batch);
        }
    }

    /** After the commit: metrics, and a log line per message that carries its request id. */
    private void record(List<QueuedChange> batch, List<Outcome> results) {
        Instant now = clock.instant();
        for (int i = 0; i < batch.size(); i++) {
            QueuedChange change = batch.get(i);
            Outcome outcome = results.get(i);
            outcomes.get(outcome).mark();
            if (outcome != Outcome.DUPLICATE) {
                lag.update(Duration.between(change.acceptedAt(), now));
            }
            try (var mdc = withRequestId(change.requestId())) {
                MOVEMENTS.info(describe(change, outcome.toString().toLowerCase(Locale.ROOT)));
            }
        }
    }

    /** "Movement <id> applied: in 5 of product 2 at store 1 (actor sqs, source sqs)", and likewise for a hold. */
    private static String describe(QueuedChange change, String outcome) {
        if (change instanceof Movement movement) {
            return "Movement " + movement.movementId() + " " + outcome + ": " + movement.type() + " " + movement.quantity()
                    + " of product " + movement.productId() + " at store " + movement.storeId() + " (actor "
                    + movement.actor() + ", source " + movement.source() + ")";
        }
        HoldRequest hold = (HoldRequest) change;
        return "Hold " + hold.reservationId() + " " + outcome + ": " + hold.type() + " " + hold.quantity() + " of product "
                + hold.productId() + " at store " + hold.storeId() + " (actor " + hold.actor() + ", source " + hold.source()
                + ")";
    }

    private static MDC.MDCCloseable withRequestId(String requestId) {
        return MDC.putCloseable(MDC_REQUEST_ID, requestId == null ? "" : requestId);
    }

    /** The message's change with the identity and times the worker settles for it. */
    private static QueuedChange settle(Message message, QueueMessage body) {
        Instant sent = MessageAttributes.sentAt(message);
        MovementSource source = MovementSource.API.toString().equals(MessageAttributes.read(message, MessageAttributes.SOURCE))
                ? MovementSource.API : MovementSource.SQS;
        String requestId = MessageAttributes.read(message, MessageAttributes.REQUEST_ID);
        if (requestId != null && requestId.length() > MAX_REQUEST_ID_LENGTH) {
            requestId = requestId.substring(0, MAX_REQUEST_ID_LENGTH);
        }
        if (body instanceof HoldMessage hold) {
            UUID id = hold.reservationId() != null ? hold.reservationId() : idOf(MessageAttributes.originalMessageId(message));
            boolean reserve = hold.type() == HoldType.RESERVE;
            Instant expiresAt = !reserve ? null
                    : hold.expiresAt() != null ? hold.expiresAt() : sent.plusSeconds(hold.ttlSeconds());
            return new HoldRequest(hold.type(), id, hold.storeId(), hold.productId(), reserve ? hold.quantity() : 0,
                    expiresAt, hold.reference(), hold.actor() != null ? hold.actor() : DEFAULT_ACTOR, source, requestId, sent);
        }
        MovementMessage movement = (MovementMessage) body;
        UUID movementId = movement.movementId() != null ? movement.movementId()
                : idOf(MessageAttributes.originalMessageId(message));
        return new Movement(movementId, movement.storeId(), movement.productId(), movement.type(), movement.quantity(),
                movement.expectedQuantity(), movement.occurredAt() != null ? movement.occurredAt() : sent,
                movement.actor() != null ? movement.actor() : DEFAULT_ACTOR,
                movement.reason(), source, requestId, sent, movement.toStoreId(), null, movement.reservationId());
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
