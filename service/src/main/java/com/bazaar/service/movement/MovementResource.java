package com.bazaar.service.movement;

import com.bazaar.movement.LedgerDao;
import com.bazaar.movement.MovementView;
import com.bazaar.service.auth.Roles;
import io.dropwizard.jersey.params.UUIDParam;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/stock-movements")
@Produces(MediaType.APPLICATION_JSON)
public class MovementResource {
    private final LedgerDao ledger;

    public MovementResource(LedgerDao ledger) {
        this.ledger = ledger;
    }

    /** A movement the worker has applied or rejected; one still on the queue is not known yet (404). */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    public MovementView get(@PathParam("id") @NotNull UUIDParam id) {
        return ledger.findById(id.get()).orElseThrow(() -> new NotFoundException(
                "Stock movement " + id.get() + " not found: it is unknown or still waiting on the queue"));
    }
}
