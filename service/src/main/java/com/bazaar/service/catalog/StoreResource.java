package com.bazaar.service.catalog;

import com.bazaar.catalog.Missing;
import com.bazaar.catalog.Store;
import com.bazaar.catalog.StoreDao;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import io.dropwizard.auth.Auth;
import io.dropwizard.jersey.params.LongParam;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

@Path("/stores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StoreResource {
    private final StoreDao stores;

    public StoreResource(StoreDao stores) {
        this.stores = stores;
    }

    public record Created(String message, long storeId, Store store) {
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Auth User user, @NotNull @Valid NewStore request, @Context UriInfo uri) {
        Store store = stores.create(request.name(), request.location(), user.getName())
                .orElseThrow(() -> new ClientErrorException(
                        "A store named '" + request.name() + "' already exists", Response.Status.CONFLICT));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(store.id())).build())
                .entity(new Created("Store added successfully", store.id(), store))
                .build();
    }

    @GET
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    public List<Store> list() {
        return stores.findAll();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    public Store get(@PathParam("id") @NotNull @Min(1) LongParam id) {
        return stores.findById(id.get()).orElseThrow(() -> new NotFoundException(Missing.store(id.get())));
    }
}
