package com.bazaar.service.catalog;

import com.bazaar.catalog.Missing;
import com.bazaar.catalog.Patched;
import com.bazaar.catalog.Store;
import com.bazaar.catalog.StoreDao;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import com.bazaar.service.replica.Reads;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jdbi.v3.core.JdbiException;

@Path("/stores")
@Tag(name = "Catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StoreResource {
    static final String ETAG = "The store's version, a strong entity tag such as \"3\"";
    private final StoreDao stores;
    private final Reads<StoreDao> reads;
    private final DetailsCache<Store> cache;

    /**
     * @param reads lists, on the replica when there is one
     * @param cache by-id reads, loaded from the primary (a client reads its own writes)
     */
    public StoreResource(StoreDao stores, Reads<StoreDao> reads, DetailsCache<Store> cache) {
        this.stores = stores;
        this.reads = reads;
        this.cache = cache;
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
    @Operation(operationId = "getStore", summary = "One store",
            description = "Answers with an `ETag` (the store's version, strong) and `Cache-Control: private, no-cache`; "
                    + "with `If-None-Match` naming the current ETag the answer is 304 without a body.")
    @ApiResponse(responseCode = "200", description = "The store", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = "string")), content = @Content(schema = @Schema(implementation = Store.class)))
    @ApiResponse(responseCode = "304", description = "Not modified: `If-None-Match` names the current ETag",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "The id is not a positive integer")
    @ApiResponse(responseCode = "404", description = "No store has this id")
    public Response get(@PathParam("id") @NotNull @Min(1) LongParam id,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Parameter(description = "ETags the client holds") String ifNoneMatch) {
        Store store = cache.get(id.get(), stores::findById).orElseThrow(() -> new NotFoundException(Missing.store(id.get())));
        return CatalogResponses.read(store, store.version(), ifNoneMatch);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateStore", summary = "Change a store's fields",
            description = "Only the fields sent change, under the rules of create; `location: null` removes it. With "
                    + "`If-Match` the change is made only if it names the current ETag (else 412 and nothing changes). "
                    + "A body that changes nothing writes nothing. Writes a STORE_UPDATED audit row with `details.before` "
                    + "and `details.after` in the same transaction; every service instance drops its cached copy within a second.")
    @ApiResponse(responseCode = "200", description = "The store as it is now", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = "string")), content = @Content(schema = @Schema(implementation = Store.class)))
    @ApiResponse(responseCode = "400", description = "An empty object, malformed JSON, a wrong JSON type, an unknown field, "
            + "or a blank or too long value")
    @ApiResponse(responseCode = "404", description = "No store has this id")
    @ApiResponse(responseCode = "409", description = "The name is taken by another store (in any case)")
    @ApiResponse(responseCode = "412", description = "`If-Match` does not name the current ETag; the answer carries the current one")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    public Response update(@Auth User user, @PathParam("id") @NotNull @Min(1) LongParam id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag the change is based on") String ifMatch,
                           @NotNull @Valid StorePatch patch) {
        if (patch.namesNoField()) {
            throw new BadRequestException("The body must name at least one field to change: name, location");
        }
        Patched<Store> outcome;
        try {
            outcome = stores.patch(id.get(), current -> CatalogPatches.decide(ifMatch, current, current.version(), patch.applyTo(current)),
                    user.getName());
        } catch (JdbiException e) {
            throw CatalogResponses.violatedUniqueIndex(e).map(index -> conflict(patch)).orElseThrow(() -> e);
        }
        // This instance's own NOTIFY arrives a moment later: its next read must see the change already.
        cache.invalidate(id.get());
        return CatalogResponses.patched(outcome, Store::version, () -> Missing.store(id.get()));
    }

    /** The only unique index of stores is the name's. */
    private static ClientErrorException conflict(StorePatch patch) {
        return new ClientErrorException("A store named '" + patch.name() + "' already exists", Response.Status.CONFLICT);
    }
}
