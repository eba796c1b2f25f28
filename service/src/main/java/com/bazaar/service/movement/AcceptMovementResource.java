package com.bazaar.service.movement;

import com.bazaar.service.catalog.CatalogIds;
import com.bazaar.movement.MovementMessage;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private final MovementIntake intake;
    private final MovementPublisher publisher;

    public AcceptMovementResource(CatalogIds catalog, MovementPublisher publisher, Clock clock) {
        this.intake = new MovementIntake(catalog, clock);
        this.publisher = publisher;
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
            @HeaderParam("Idempotency-Key") @IdempotencyKey String idempotencyKey,
            @NotNull @Valid NewMovement request,
            @Context HttpServletRequest http) {
        return accept(user, storeId.get(), idempotencyKey, request, http);
    }

    /** One movement at a store, also the Stage 1 route's at the default store. */
    CompletionStage<Response> accept(User user, long storeId, String idempotencyKey, NewMovement request,
                                     HttpServletRequest http) {
        MovementMessage message = intake.movement(user, storeId, idempotencyKey, request);
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);

        return QueueAnswer.answer(publisher.publish(message, requestId), requestId, () -> {
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
            @HeaderParam("Idempotency-Key") @IdempotencyKey String idempotencyKey,
            @NotNull @Valid NewMovementBatch request,
            @Context HttpServletRequest http) {
        List<MovementMessage> messages = intake.batch(user, storeId.get(), idempotencyKey, request);
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);

        return QueueAnswer.answer(publisher.publishInOrder(messages, requestId), requestId, () -> {
            LOG.info("Accepted {} movements at store {}", messages.size(), storeId.get());
            return Response.accepted(new AcceptedBatch("Stock movements accepted",
                    messages.stream().map(AcceptMovementResource::pending).toList())).build();
        });
    }

    private static PendingMovement pending(MovementMessage message) {
        return new PendingMovement(message.movementId(), "pending", message.storeId(), message.productId(),
                message.type().toString(), message.quantity(), message.expectedQuantity(), message.reason(),
                message.occurredAt());
    }
}
