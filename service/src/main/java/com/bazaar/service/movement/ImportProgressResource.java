package com.bazaar.service.movement;

import com.bazaar.service.auth.Roles;
import io.dropwizard.jersey.params.UUIDParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** How far the worker has got with the rows of a {@link MovementImportResource movement import}. */
@Path("/imports")
@Tag(name = "Stock movements")
@Produces(MediaType.APPLICATION_JSON)
public class ImportProgressResource {
    private final MovementImportDao imports;

    public ImportProgressResource(MovementImportDao imports) {
        this.imports = imports;
    }

    @GET
    @Path("{importId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getImport", summary = "How far the worker has got with an import's rows",
            description = "`rows = pending + applied + rejected`; a row is pending until the worker has applied or "
                    + "rejected its movement (`GET /stock-movements?...` has each one, with the reason of a rejection).")
    @ApiResponse(responseCode = "200", description = "The import's progress",
            content = @Content(schema = @Schema(implementation = MovementImportDao.Progress.class)))
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No import has this id")
    public MovementImportDao.Progress progress(@PathParam("importId") @NotNull UUIDParam importId) {
        return imports.progress(importId.get())
                .orElseThrow(() -> new NotFoundException("Import " + importId.get() + " not found"));
    }
}
