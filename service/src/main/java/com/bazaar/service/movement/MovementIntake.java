package com.bazaar.service.movement;

import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementRules;
import com.bazaar.movement.MovementType;
import com.bazaar.service.auth.User;
import com.bazaar.service.catalog.CatalogIds;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Turns an accepted request into its queue message, for the movement, batch, import and transfer endpoints alike: the
 * acceptance time, the clock rule (naming the field), the 404 for an unknown store or product (the store first), and
 * the id an {@code Idempotency-Key} names. The resources keep the HTTP side: the answer, its shape and its log line.
 */
final class MovementIntake {
    private final CatalogIds catalog;
    private final Clock clock;

    MovementIntake(CatalogIds catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The message of one movement at a store, or a 400/404. */
    MovementMessage movement(User user, long storeId, String idempotencyKey, NewMovement request) {
        catalog.requireStore(storeId);
        return message(user, storeId, idempotencyKey, request, now(), "");
    }

    /**
     * Every item's message, in request order, all checked before any is sent (a 400 names {@code movements[i]}).
     * Item i of a request with an Idempotency-Key is the movement of key + ":" + i.
     */
    List<MovementMessage> batch(User user, long storeId, String idempotencyKey, NewMovementBatch request) {
        return items(user, storeId, idempotencyKey, request.movements(), i -> "movements[" + i + "].");
    }

    /**
     * The messages of an import file's rows (checked as a whole by {@link MovementImportRows}), in file order: row i
     * (counted from 0) of a file sent with an Idempotency-Key is the movement of key + ":" + i, as in a batch.
     */
    List<MovementMessage> imported(User user, long storeId, String idempotencyKey, List<NewMovement> rows) {
        return items(user, storeId, idempotencyKey, rows, i -> "row " + i + ": ");
    }

    private List<MovementMessage> items(User user, long storeId, String idempotencyKey, List<NewMovement> items,
                                        IntFunction<String> where) {
        catalog.requireStore(storeId);
        Instant now = now();
        List<MovementMessage> messages = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            messages.add(message(user, storeId, idempotencyKey == null ? null : idempotencyKey + ":" + i,
                    items.get(i), now, where.apply(i)));
        }
        return messages;
    }

    /** A transfer's one message: a {@code transfer_out} at the source that names the destination. */
    MovementMessage transfer(User user, String idempotencyKey, NewTransfer request) {
        MovementRules.sameStoreProblem(request.fromStoreId(), request.toStoreId()).ifPresent(problem -> {
            throw new BadRequestException(problem.field() + " " + problem.message());
        });
        catalog.requireStore(request.fromStoreId());
        catalog.requireStore(request.toStoreId());
        catalog.requireProduct(request.productId());
        UUID id = idempotencyKey == null ? UUID.randomUUID() : transferId(user.getName(), idempotencyKey);
        return new MovementMessage(id, request.fromStoreId(), request.productId(), MovementType.TRANSFER_OUT,
                request.quantity(), null, now(), user.getName(), request.reason(), request.toStoreId(), null);
    }

    /** Microseconds: what PostgreSQL keeps, so the 202 shows the time the ledger will show. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The queue message of a valid body, or a 400/404 naming the field (after {@code prefix}) or the product. */
    private MovementMessage message(User user, long storeId, String idempotencyKey, NewMovement request, Instant now,
                                    String prefix) {
        Instant occurredAt = request.occurredAt() == null ? now : request.occurredAt().truncatedTo(ChronoUnit.MICROS);
        MovementRules.clockViolation(occurredAt, now).ifPresent(violation -> {
            throw new BadRequestException(prefix + violation);
        });
        catalog.requireProduct(request.productId());
        UUID movementId = idempotencyKey == null ? UUID.randomUUID() : movementId(user.getName(), idempotencyKey);
        return new MovementMessage(movementId, storeId, request.productId(), request.type(), request.quantity(),
                request.expectedQuantity(), occurredAt, user.getName(), request.reason(), null, request.reservationId());
    }

    /**
     * The same key from the same user always names the same movement, on any instance, with no stored
     * state: the worker's unique movement id makes the repeats harmless.
     */
    static UUID movementId(String user, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((user + '\u0000' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * As {@link #movementId}, in a namespace of its own: a movement and a transfer sent with the same key are
     * different things, and must not share an SQS deduplication id.
     */
    static UUID transferId(String user, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("transfer\u0000" + user + '\u0000' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }

    /** An import's id: the same key from the same user names the same import, so a repeat upload reports on the first. */
    static UUID importId(String user, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("import\u0000" + user + '\u0000' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }
}
