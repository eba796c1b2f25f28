package com.bazaar.service.reservation;

import com.bazaar.reservation.HoldMessage;
import com.bazaar.reservation.ReservationDao;
import com.bazaar.reservation.ReservationView;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import com.bazaar.service.http.RequestIdFilter;
import com.bazaar.service.movement.MovementPublisher;
import com.bazaar.service.movement.QueueAnswer;
import io.dropwizard.auth.Auth;
import io.dropwizard.jersey.params.UUIDParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hold on stock, read once the worker has decided about it, and released early through the queue in its
 * product's group. Holds are taken and listed at {@link StoreReservationResource}.
 */
@Path("/reservations")
@Tag(name = "Reservations")
@Produces(MediaType.APPLICATION_JSON)
public class ReservationResource {
    private static final Logger LOG = LoggerFactory.getLogger(ReservationResource.class);

    private final MovementPublisher publisher;
    private final ReservationDao reservations;

    /** @param reservations the primary's: a client reads its hold right after taking it, and a release must find it */
    public ReservationResource(MovementPublisher publisher, ReservationDao reservations) {
        this.publisher = publisher;
        this.reservations = reservations;
    }

    public record ReleaseAccepted(String message, ReservationView reservation) {
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "getReservation", summary = "One hold, once the worker has decided about it")
    @ApiResponse(responseCode = "200", description = "The hold", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "Unknown, or still waiting on the queue")
    public ReservationView get(@PathParam("id") @NotNull UUIDParam id) {
        return find(id.get());
    }

    @POST
    @Path("{id}/release")
    @RolesAllowed(Roles.CLERK)
    @Operation(operationId = "releaseReservation", summary = "End a hold early (applied asynchronously)",
            description = "The release goes on the queue in the hold's product order; the worker ends an `active` hold as "
                    + "`released`. A hold that is no longer active stays as it is, so repeating a release is harmless.")
    @ApiResponse(responseCode = "202", description = "Accepted: the release is on the queue; the hold as it stood",
            content = @Content(schema = @Schema(implementation = ReleaseAccepted.class)))
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "Unknown, or still waiting on the queue")
    @ApiResponse(responseCode = "503", description = "The queue (or the database) is unreachable; nothing was recorded. "
            + "Retry after `Retry-After` seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = "integer")))
    public CompletionStage<Response> release(@Auth User user, @PathParam("id") @NotNull UUIDParam id,
                                             @Context HttpServletRequest http) {
        ReservationView hold = find(id.get());
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);
        HoldMessage message = HoldMessage.release(hold.id(), hold.storeId(), hold.productId(), user.getName());
        return QueueAnswer.answer(publisher.publish(message, requestId), requestId, () -> {
            LOG.info("Accepted release of reservation {}", hold.id());
            return Response.accepted(new ReleaseAccepted("Release accepted", hold))
                    .location(URI.create("/reservations/" + hold.id())).build();
        });
    }

    private ReservationView find(UUID id) {
        return reservations.findById(id).orElseThrow(() -> new NotFoundException(
                "Reservation " + id + " not found: it is unknown or still waiting on the queue"));
    }
}
