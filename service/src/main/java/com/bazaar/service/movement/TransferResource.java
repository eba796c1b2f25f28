package com.bazaar.service.movement;

import com.bazaar.service.catalog.CatalogIds;
import com.bazaar.movement.LedgerDao;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementView;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import com.bazaar.service.http.RequestIdFilter;
import io.dropwizard.auth.Auth;
import io.dropwizard.jersey.params.UUIDParam;
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
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
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
 * Accepts transfers between stores: one queue message, a {@code transfer_out} from the source naming the
 * destination, which the worker applies as two ledger rows in one transaction. Read back from those rows.
 */
@Path("/transfers")
@Tag(name = "Stock movements")
@Produces(MediaType.APPLICATION_JSON)
public class TransferResource {
    private static final Logger LOG = LoggerFactory.getLogger(TransferResource.class);

    private final MovementIntake intake;
    private final MovementPublisher publisher;
    private final LedgerDao ledger;

    public TransferResource(CatalogIds catalog, MovementPublisher publisher, LedgerDao ledger, Clock clock) {
        this.intake = new MovementIntake(catalog, clock);
        this.publisher = publisher;
        this.ledger = ledger;
    }

    public record Accepted(String message, PendingTransfer transfer) {
    }

    public record PendingTransfer(UUID id, String status, long fromStoreId, long toStoreId, long productId, int quantity,
                                  String reason, Instant occurredAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLERK)
    @Operation(operationId = "transferStock", summary = "Move stock from one store to another (applied asynchronously)",
            description = "The worker applies both legs in one transaction, a `transfer_out` at the source and a "
                    + "`transfer_in` at the destination, or neither: the transfer is `rejected` with its reason when the "
                    + "source lacks the stock. Ordered with the source's movements of the product (its FIFO group), not "
                    + "with the destination's. Follow `Location` (`GET /transfers/{id}`).")
    @ApiResponse(responseCode = "202", description = "Accepted: on the queue, status `pending`",
            headers = @Header(name = "Location", description = "`/transfers/{id}`", schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, a wrong JSON type, an unknown field, a missing or "
            + "out-of-range value, the same store on both ends, a bad `Idempotency-Key`")
    @ApiResponse(responseCode = "404", description = "A store or the product does not exist; nothing was enqueued")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    @ApiResponse(responseCode = "503", description = "The queue (or the database) is unreachable; nothing was recorded. "
            + "Retry after `Retry-After` seconds with the same `Idempotency-Key`",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = "integer")))
    public CompletionStage<Response> accept(
            @Auth User user,
            @Parameter(description = "The same key from the same user names the same transfer, applied once however "
                    + "often it is sent; without one, each request is a new transfer")
            @HeaderParam("Idempotency-Key") @IdempotencyKey String idempotencyKey,
            @NotNull @Valid NewTransfer request,
            @Context HttpServletRequest http) {
        MovementMessage message = intake.transfer(user, idempotencyKey, request);
        UUID id = message.movementId();
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);

        return QueueAnswer.answer(publisher.publish(message, requestId), requestId, () -> {
            LOG.info("Accepted transfer {}: {} of product {} from store {} to store {}", id, message.quantity(),
                    message.productId(), message.storeId(), message.toStoreId());
            return Response.accepted(new Accepted("Transfer accepted", new PendingTransfer(id, "pending",
                            message.storeId(), message.toStoreId(), message.productId(), message.quantity(),
                            message.reason(), message.occurredAt())))
                    .location(URI.create("/transfers/" + id))
                    .build();
        });
    }

    /** A transfer the worker has applied or rejected; one still on the queue is not known yet (404). */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "getTransfer", summary = "One transfer, once the worker has applied or rejected it")
    @ApiResponse(responseCode = "200", description = "The transfer: `applied` (both legs), or `rejected` (neither) with "
            + "its `rejectionReason`", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "Unknown, or still waiting on the queue")
    public TransferView get(@PathParam("id") @NotNull UUIDParam id) {
        List<MovementView> legs = ledger.transferLegs(id.get());
        if (legs.isEmpty()) {
            throw new NotFoundException("Transfer " + id.get() + " not found: it is unknown or still waiting on the queue");
        }
        return TransferView.of(id.get(), legs);
    }
}
