package com.bazaar.service.movement;

import com.bazaar.service.catalog.CatalogIds;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementRules;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import com.bazaar.service.errors.ErrorResponse;
import com.bazaar.service.http.RequestIdFilter;
import io.dropwizard.auth.Auth;
import io.dropwizard.jersey.params.LongParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Accepts stock movements, one or a batch: validates them, checks that their store and products exist (from a
 * cache, so no database work for known ids), puts them on the queue and answers 202. The worker applies them later.
 */
@Path("/stores/{storeId}/stock-movements")
@Tag(name = "Stock movements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AcceptMovementResource {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptMovementResource.class);
    static final int RETRY_AFTER_SECONDS = 2;
    /**
     * Printable ASCII, no white space at either end: Java's {@code \p{Graph}}, written so that the OpenAPI document's
     * JavaScript readers (Swagger UI checks patterns) read it the same way.
     */
    static final String IDEMPOTENCY_KEY = "[\\x21-\\x7E](.*[\\x21-\\x7E])?";

    private final CatalogIds catalog;
    private final MovementPublisher publisher;
    private final Clock clock;

    public AcceptMovementResource(CatalogIds catalog, MovementPublisher publisher, Clock clock) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.clock = clock;
    }

    public record Accepted(String message, PendingMovement movement) {
    }

    public record AcceptedBatch(String message, List<PendingMovement> movements) {
    }

    public record PendingMovement(UUID id, String status, long storeId, long productId, String type,
                                  int quantity, Integer expectedQuantity, String reason, Instant occurredAt) {
    }

    @POST
    @RolesAllowed(Roles.CLERK)
    @Operation(operationId = "recordStockMovement", summary = "Record a stock movement (applied asynchronously)",
            description = "`in` adds `quantity` (1..1,000,000); `out` (a sale) and `manual` (damage, loss, expiry) "
                    + "subtract it. `occurredAt` defaults to the time of acceptance and may not lie more than 5 minutes "
                    + "in the future. The movement is put on the queue, not yet applied: follow `Location` "
                    + "(`GET /stock-movements/{id}`) to see it `applied` or `rejected` (say, for insufficient stock).")
    @ApiResponse(responseCode = "202", description = "Accepted: on the queue, status `pending`",
            headers = @Header(name = "Location", description = "`/stock-movements/{id}`", schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, a wrong JSON type, an unknown field, a missing or "
            + "out-of-range value, `occurredAt` too far in the future, a bad `Idempotency-Key` or store id")
    @ApiResponse(responseCode = "404", description = "The store or the product does not exist; nothing was enqueued")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    @ApiResponse(responseCode = "503", description = "The queue (or the database) is unreachable; nothing was recorded. "
            + "Retry after `Retry-After` seconds with the same `Idempotency-Key`",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = "integer")))
    @AcceptOutcomeMetrics.Metered
    public CompletionStage<Response> accept(
            @Auth User user,
            @PathParam("storeId") @NotNull @Min(1) LongParam storeId,
            @Parameter(description = "The same key from the same user names the same movement, applied once "
                    + "however often it is sent; without one, each request is a new movement")
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 255) @Pattern(regexp = IDEMPOTENCY_KEY,
                    message = "must be printable and not start or end with white space") String idempotencyKey,
            @NotNull @Valid NewMovement request,
            @Context HttpServletRequest http) {
        catalog.requireStore(storeId.get());
        MovementMessage message = message(user, storeId.get(), idempotencyKey, request, now(clock), "");
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);

        return answer(publisher.publish(message, requestId), requestId, () -> {
            LOG.info("Accepted movement {}: {} {} of product {} at store {}", message.movementId(), message.type(),
                    message.quantity(), message.productId(), message.storeId());
            return Response.accepted(new Accepted("Stock movement accepted", pending(message)))
                    .location(URI.create("/stock-movements/" + message.movementId()))
                    .build();
        });
    }

    /**
     * A register's whole sale, say: every item is checked before any is enqueued (all or nothing at acceptance),
     * then they go to the queue in order. Item i of a request with an Idempotency-Key is the movement of key + ":" + i.
     */
    @POST
    @Path("batch")
    @RolesAllowed(Roles.CLERK)
    @Operation(operationId = "recordStockMovementBatch", summary = "Record 1..100 stock movements of one store at once",
            description = "All or nothing at acceptance: every item is checked (as for a single movement) before any is "
                    + "enqueued. The items are sent in SendMessageBatch calls of ten, in order, so the items of one product "
                    + "keep the request's order; each is then applied or rejected on its own. With an `Idempotency-Key`, "
                    + "item i is the movement of key + `:` + i.")
    @ApiResponse(responseCode = "202", description = "Accepted: every item on the queue, status `pending`, in request order",
            content = @Content(schema = @Schema(implementation = AcceptedBatch.class)))
    @ApiResponse(responseCode = "400", description = "A bad item (the message names `movements[i]` and the field), no items "
            + "or more than 100, a bad `Idempotency-Key` or store id; nothing was enqueued")
    @ApiResponse(responseCode = "404", description = "The store or an item's product does not exist; nothing was enqueued")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    @ApiResponse(responseCode = "503", description = "The queue is unreachable; items before the failure may be on the queue. "
            + "Retry after `Retry-After` seconds with the same `Idempotency-Key` (repeats are dropped)",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = "integer")))
    public CompletionStage<Response> acceptBatch(
            @Auth User user,
            @PathParam("storeId") @NotNull @Min(1) LongParam storeId,
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 255) @Pattern(regexp = IDEMPOTENCY_KEY,
                    message = "must be printable and not start or end with white space") String idempotencyKey,
            @NotNull @Valid NewMovementBatch request,
            @Context HttpServletRequest http) {
        catalog.requireStore(storeId.get());
        Instant now = now(clock);
        List<MovementMessage> messages = new ArrayList<>();
        for (int i = 0; i < request.movements().size(); i++) {
            messages.add(message(user, storeId.get(), idempotencyKey == null ? null : idempotencyKey + ":" + i,
                    request.movements().get(i), now, "movements[" + i + "]."));
        }
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);

        return answer(publisher.publishInOrder(messages, requestId), requestId, () -> {
            LOG.info("Accepted {} movements at store {}", messages.size(), storeId.get());
            return Response.accepted(new AcceptedBatch("Stock movements accepted",
                    messages.stream().map(AcceptMovementResource::pending).toList())).build();
        });
    }

    /** The 202 once the queue has the messages, else 503; on the SDK's thread, so with the request id put back. */
    static CompletionStage<Response> answer(CompletionStage<Void> sent, String requestId,
                                                   Supplier<Response> accepted) {
        return sent.handle((done, failure) -> {
            try (var mdc = MDC.putCloseable(RequestIdFilter.MDC_KEY, requestId)) {
                return failure != null ? queueUnavailable(failure) : accepted.get();
            }
        });
    }

    /** Microseconds: what PostgreSQL keeps, so the 202 shows the time the ledger will show. */
    static Instant now(Clock clock) {
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
                request.expectedQuantity(), occurredAt, user.getName(), request.reason(), null);
    }

    private static Response queueUnavailable(Throwable failure) {
        LOG.warn("Could not enqueue: {}", failure.toString());
        return ErrorResponse.builder(503, "The movement queue is unavailable; nothing was recorded. "
                        + "Retry later, with the same Idempotency-Key")
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    private static PendingMovement pending(MovementMessage message) {
        return new PendingMovement(message.movementId(), "pending", message.storeId(), message.productId(),
                message.type().toString(), message.quantity(), message.expectedQuantity(), message.reason(),
                message.occurredAt());
    }

    /**
     * The same key from the same user always names the same movement, on any instance, with no stored
     * state: the worker's unique movement id makes the repeats harmless.
     */
    static UUID movementId(String user, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((user + '\u0000' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }
}
