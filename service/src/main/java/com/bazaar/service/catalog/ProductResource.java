package com.bazaar.service.catalog;

import com.bazaar.catalog.Missing;
import com.bazaar.catalog.Patched;
import com.bazaar.catalog.Product;
import com.bazaar.catalog.ProductDao;
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

@Path("/products")
@Tag(name = "Catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {
    static final String ETAG = "The product's version, a strong entity tag such as \"3\"";
    private final ProductDao products;
    private final Reads<ProductDao> reads;
    private final DetailsCache<Product> cache;

    /**
     * @param reads lists, on the replica when there is one
     * @param cache by-id reads, loaded from the primary (a client reads its own writes)
     */
    public ProductResource(ProductDao products, Reads<ProductDao> reads, DetailsCache<Product> cache) {
        this.products = products;
        this.reads = reads;
        this.cache = cache;
    }

    @Schema(name = "ProductCreated")
    public record Created(String message, long productId, Product product) {
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createProduct", summary = "Add a product",
            description = "`name` is trimmed, 1..200 characters and unique case-insensitively; "
                    + "`sku` is optional, trimmed, 1..64 characters without white space and unique. "
                    + "Writes a PRODUCT_CREATED audit row in the same transaction.")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new product's URL", schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = Created.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, a wrong JSON type, an unknown field, or a missing, blank or too long value")
    @ApiResponse(responseCode = "409", description = "The name (in any case) or the SKU is taken")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    public Response create(@Auth User user, @NotNull @Valid NewProduct request, @Context UriInfo uri) {
        Product product = products.create(request.name(), request.sku(), user.getName())
                .orElseThrow(() -> conflict(request));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(product.id())).build())
                .entity(new Created("Product added successfully", product.id(), product))
                .build();
    }

    private static ClientErrorException conflict(String index, ProductPatch patch) {
        String message = index.equals("products_sku_key")
                ? "A product with SKU '" + patch.sku() + "' already exists"
                : "A product named '" + patch.name() + "' already exists";
        return new ClientErrorException(message, Response.Status.CONFLICT);
    }

    private ClientErrorException conflict(NewProduct request) {
        String message = products.nameTaken(request.name())
                ? "A product named '" + request.name() + "' already exists"
                : "A product with SKU '" + request.sku() + "' already exists";
        return new ClientErrorException(message, Response.Status.CONFLICT);
    }

    @GET
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "listProducts", summary = "All products, by id")
    @ApiResponse(responseCode = "200", description = "The products", useReturnTypeSchema = true)
    public List<Product> list() {
        return reads.read(ProductDao::findAll);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "getProduct", summary = "One product",
            description = "Answers with an `ETag` (the product's version, strong) and `Cache-Control: private, no-cache`; "
                    + "with `If-None-Match` naming the current ETag the answer is 304 without a body.")
    @ApiResponse(responseCode = "200", description = "The product", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = "string")), content = @Content(schema = @Schema(implementation = Product.class)))
    @ApiResponse(responseCode = "304", description = "Not modified: `If-None-Match` names the current ETag",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "The id is not a positive integer")
    @ApiResponse(responseCode = "404", description = "No product has this id")
    public Response get(@PathParam("id") @NotNull @Min(1) LongParam id,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Parameter(description = "ETags the client holds") String ifNoneMatch) {
        Product product = cache.get(id.get(), products::findById).orElseThrow(() -> new NotFoundException(Missing.product(id.get())));
        return CatalogResponses.read(product, product.version(), ifNoneMatch);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateProduct", summary = "Change a product's fields",
            description = "Only the fields sent change, under the rules of create; `sku: null` removes it. With "
                    + "`If-Match` the change is made only if it names the current ETag (else 412 and nothing changes). "
                    + "A body that changes nothing writes nothing. Writes a PRODUCT_UPDATED audit row with `details.before` "
                    + "and `details.after` in the same transaction; every service instance drops its cached copy within a second.")
    @ApiResponse(responseCode = "200", description = "The product as it is now", headers = @Header(name = "ETag", description = ETAG,
            schema = @Schema(type = "string")), content = @Content(schema = @Schema(implementation = Product.class)))
    @ApiResponse(responseCode = "400", description = "An empty object, malformed JSON, a wrong JSON type, an unknown field, "
            + "or a blank or too long value")
    @ApiResponse(responseCode = "404", description = "No product has this id")
    @ApiResponse(responseCode = "409", description = "The name (in any case) or the SKU is taken by another product")
    @ApiResponse(responseCode = "412", description = "`If-Match` does not name the current ETag; the answer carries the current one")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    public Response update(@Auth User user, @PathParam("id") @NotNull @Min(1) LongParam id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag the change is based on") String ifMatch,
                           @NotNull @Valid ProductPatch patch) {
        if (patch.namesNoField()) {
            throw new BadRequestException("The body must name at least one field to change: name, sku");
        }
        Patched<Product> outcome;
        try {
            outcome = products.patch(id.get(), current -> CatalogPatches.decide(ifMatch, current, current.version(), patch.applyTo(current)),
                    user.getName());
        } catch (JdbiException e) {
            throw CatalogResponses.violatedUniqueIndex(e).map(index -> conflict(index, patch)).orElseThrow(() -> e);
        }
        // This instance's own NOTIFY arrives a moment later: its next read must see the change already.
        cache.invalidate(id.get());
        return CatalogResponses.patched(outcome, Product::version, () -> Missing.product(id.get()));
    }
}
