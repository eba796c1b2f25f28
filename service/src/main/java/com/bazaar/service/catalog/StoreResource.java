package com.bazaar.service.catalog;

import com.bazaar.catalog.Missing;
import com.bazaar.catalog.Store;
import com.bazaar.catalog.StoreDao;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import com.bazaar.service.replica.Reads;
import io.dropwizard.auth.Auth;
import io.dropwizard.jersey.params.LongParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StoreResource {
    private final StoreDao stores;
    private final Reads<StoreDao> reads;

    public StoreResource(StoreDao stores, Reads<StoreDao> reads) {
        this.stores = stores;
        this.reads = reads;
    }

    @Schema(name = "StoreCreated")
    public record Created(String message, long storeId, Store store) {
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createStore", summary = "Add a store",
            description = "`name` is trimmed, 1..200 characters and unique case-insensitively; "
                    + "`location` is optional, trimmed, 1..500 characters. "
                    + "Writes a STORE_CREATED audit row in the same transaction.")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new store's URL", schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = Created.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, a wrong JSON type, an unknown field, or a missing, blank or too long value")
    @ApiResponse(responseCode = "409", description = "The name is taken (in any case)")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
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
    @Operation(operationId = "listStores", summary = "All stores, by id")
    @ApiResponse(responseCode = "200", description = "The stores", useReturnTypeSchema = true)
    public List<Store> list() {
        return reads.read(StoreDao::findAll);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "getStore", summary = "One store")
    @ApiResponse(responseCode = "200", description = "The store", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a positive integer")
    @ApiResponse(responseCode = "404", description = "No store has this id")
    public Store get(@PathParam("id") @NotNull @Min(1) LongParam id) {
        return reads.find(dao -> dao.findById(id.get())).orElseThrow(() -> new NotFoundException(Missing.store(id.get())));
    }
}
