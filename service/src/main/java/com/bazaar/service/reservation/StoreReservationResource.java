package com.bazaar.service.reservation;

import com.bazaar.reservation.HoldMessage;
import com.bazaar.reservation.ReservationDao;
import com.bazaar.reservation.ReservationRules;
import com.bazaar.reservation.ReservationStatus;
import com.bazaar.reservation.ReservationView;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import com.bazaar.service.catalog.CatalogIds;
import com.bazaar.service.http.Paging;
import com.bazaar.service.http.RequestIdFilter;
import com.bazaar.service.movement.IdempotencyKey;
import com.bazaar.service.movement.MovementPublisher;
import com.bazaar.service.movement.QueueAnswer;
import com.bazaar.service.replica.Reads;
import io.dropwizard.auth.Auth;
import io.dropwizard.jersey.params.IntParam;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's holds on stock: taken through the queue in the product's group (so in order with its movements), decided
 * by the worker, listed once decided. A hold is consumed by an {@code out} movement that names it; one hold is read
 * and released at {@link ReservationResource}.
 */
@Path("/stores/{storeId}/reservations")
@Tag(name = "Reservations")
@Produces(MediaType.APPLICATION_JSON)
public class StoreReservationResource {
    private static final Logger LOG = LoggerFactory.getLogger(StoreReservationResource.class);

    private final CatalogIds catalog;
    private final MovementPublisher publisher;
    private final ReservationDao reservations;
    private final Reads<ReservationDao> reads;
    private final Clock clock;

    /** @param reservations the primary's, for a replayed key: the hold as stored */
    public StoreReservationResource(CatalogIds catalog, MovementPublisher publisher, ReservationDao reservations,
                                    Reads<ReservationDao> reads, Clock clock) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.reservations = reservations;
        this.reads = reads;
        this.clock = clock;
    }

    public record Accepted(String message, PendingReservation reservation) {
    }

    /** @param status {@code pending} while on the queue; a replayed key answers with the stored status */
    public record PendingReservation(UUID id, String status, long storeId, long productId, int quantity, String reference,
                                     Instant expiresAt) {
    }

    public record ReservationPage(List<ReservationView> reservations, String nextCursor) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLERK)
    @Operation(operationId = "reserveStock", summary = "Hold stock for an order (decided asynchronously)",
            description = "The hold is put on the queue in the product's order: the worker makes it `active` when "
                    + "`quantity` is at most the available stock (on hand less what is held) at that point, else `rejected` "
                    + "naming on hand, reserved and requested. It ends `expired` at `expiresAt` (acceptance + `ttlSeconds`, "
                    + "900 by default) unless an `out` movement naming it consumes it first, or it is released. With an "
                    + "`Idempotency-Key` already used for a hold the worker has decided, the answer is that hold as stored.")
    @ApiResponse(responseCode = "202", description = "Accepted: on the queue, status `pending`",
            headers = @Header(name = "Location", description = "`/reservations/{id}`", schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, a wrong JSON type, an unknown field, a missing or "
            + "out-of-range value, a bad `Idempotency-Key` or store id")
    @ApiResponse(responseCode = "404", description = "The store or the product does not exist; nothing was enqueued")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    @ApiResponse(responseCode = "503", description = "The queue (or the database) is unreachable; nothing was recorded. "
            + "Retry after `Retry-After` seconds with the same `Idempotency-Key`",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = "integer")))
    public CompletionStage<Response> reserve(
            @Auth User user,
            @PathParam("storeId") @NotNull @Min(1) LongParam storeId,
            @Parameter(description = "The same key from the same user names the same hold, taken once however often it "
                    + "is sent; without one, each request is a new hold")
            @HeaderParam("Idempotency-Key") @IdempotencyKey String idempotencyKey,
            @NotNull @Valid NewReservation request,
            @Context HttpServletRequest http) {
        catalog.requireStore(storeId.get());
        catalog.requireProduct(request.productId());
        UUID id = idempotencyKey == null ? UUID.randomUUID() : reservationId(user.getName(), idempotencyKey);
        Optional<ReservationView> stored = idempotencyKey == null ? Optional.empty() : reservations.findById(id);
        if (stored.isPresent()) {
            return CompletableFuture.completedFuture(accepted(pending(stored.get())));
        }
        int ttl = request.ttlSeconds() == null ? ReservationRules.DEFAULT_TTL_SECONDS : request.ttlSeconds();
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.MICROS).plusSeconds(ttl);
        HoldMessage message = HoldMessage.reserve(id, storeId.get(), request.productId(), request.quantity(), expiresAt,
                request.reference(), user.getName());
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);

        return QueueAnswer.answer(publisher.publish(message, requestId), requestId, () -> {
            LOG.info("Accepted reservation {}: {} of product {} at store {} until {}", id, message.quantity(),
                    message.productId(), message.storeId(), expiresAt);
            return accepted(new PendingReservation(id, "pending", message.storeId(), message.productId(),
                    message.quantity(), message.reference(), expiresAt));
        });
    }

    @GET
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "listReservations", summary = "A store's holds, newest first",
            description = "Newest first by acceptance time. Every page has `nextCursor` (null on the last): pass it as "
                    + "`cursor`, with the same filters and limit, for the next page.")
    @ApiResponse(responseCode = "200", description = "One page of holds", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A malformed or out-of-range parameter (the message names it), or a "
            + "cursor the API did not hand out")
    @ApiResponse(responseCode = "404", description = "No store has this id")
    public ReservationPage list(
            @PathParam("storeId") @NotNull @Min(1) LongParam storeId,
            @QueryParam("status") @Parameter(schema = @Schema(implementation = ReservationStatus.class)) String status,
            @QueryParam("productId") @Parameter(schema = @Schema(type = "integer", format = "int64", minimum = "1")) String productId,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) IntParam limit,
            @QueryParam("cursor") @Parameter(description = "`nextCursor` of the page before (opaque)") String cursor) {
        catalog.requireStore(storeId.get());
        ReservationStatus statusFilter = Paging.wireName("status", status, ReservationStatus.class);
        Long productFilter = Paging.positiveId("productId", productId);
        ReservationCursor after = cursor == null ? null : ReservationCursor.decode(cursor);
        List<ReservationView> rows = reads.read(dao -> dao.list(storeId.get(), statusFilter, productFilter,
                after == null ? null : after.createdAt(), after == null ? null : after.id(), limit.get() + 1));
        if (rows.size() <= limit.get()) {
            return new ReservationPage(rows, null);
        }
        return new ReservationPage(rows.subList(0, limit.get()), ReservationCursor.after(rows.get(limit.get() - 1)).encode());
    }

    private static Response accepted(PendingReservation reservation) {
        return Response.accepted(new Accepted("Reservation accepted", reservation))
                .location(URI.create("/reservations/" + reservation.id())).build();
    }

    private static PendingReservation pending(ReservationView stored) {
        return new PendingReservation(stored.id(), stored.status().toString(), stored.storeId(), stored.productId(),
                stored.quantity(), stored.reference(), stored.expiresAt());
    }

    /** As a movement's key names its movement, in a namespace of its own (and so its own SQS deduplication id). */
    static UUID reservationId(String user, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("reservation\u0000" + user + '\u0000' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }
}
