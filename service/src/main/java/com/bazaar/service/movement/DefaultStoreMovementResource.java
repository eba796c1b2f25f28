package com.bazaar.service.movement;

import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import io.dropwizard.auth.Auth;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/** The Stage 1 route: {@code POST /stock-movements} is the movement of {@code POST /stores/{defaultStoreId}/stock-movements}. */
@Path("/stock-movements")
@Tag(name = "Stock movements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DefaultStoreMovementResource {
    private final DefaultStore defaultStore;
    private final AcceptMovementResource movements;

    public DefaultStoreMovementResource(DefaultStore defaultStore, AcceptMovementResource movements) {
        this.defaultStore = defaultStore;
        this.movements = movements;
    }

    @POST
    @RolesAllowed(Roles.CLERK)
    @Operation(operationId = "recordStockMovementAtDefaultStore",
            summary = "Record a stock movement at the default store (the Stage 1 route)",
            description = "The same as `POST /stores/{storeId}/stock-movements` at the default store: the one "
                    + "`DEFAULT_STORE_ID` names, else the store with the lowest id. Same body, rules and answers.")
    @ApiResponse(responseCode = "202", description = "Accepted: on the queue, status `pending`",
            headers = @Header(name = "Location", description = "`/stock-movements/{id}`", schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = AcceptMovementResource.Accepted.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, a wrong JSON type, an unknown field, a missing or "
            + "out-of-range value, `occurredAt` too far in the future, a bad `Idempotency-Key`")
    @ApiResponse(responseCode = "404", description = "There is no default store (no store at all, or `DEFAULT_STORE_ID` "
            + "names none), or the product does not exist; nothing was enqueued")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    @ApiResponse(responseCode = "503", description = "The queue (or the database) is unreachable; nothing was recorded. "
            + "Retry after `Retry-After` seconds with the same `Idempotency-Key`",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = "integer")))
    @AcceptOutcomeMetrics.Metered
    public CompletionStage<Response> accept(
            @Auth User user,
            @Parameter(description = "The same key from the same user names the same movement, applied once "
                    + "however often it is sent, whichever route it was sent to")
            @HeaderParam("Idempotency-Key") @IdempotencyKey String idempotencyKey,
            @NotNull @Valid NewMovement request,
            @Context HttpServletRequest http) {
        return movements.accept(user, defaultStore.id(), idempotencyKey, request, http);
    }
}
