package com.bazaar.service.catalog;

import com.bazaar.catalog.Missing;
import com.bazaar.catalog.Product;
import com.bazaar.catalog.ProductDao;
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

@Path("/products")
@Tag(name = "Catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {
    private final ProductDao products;
    private final Reads<ProductDao> reads;

    public ProductResource(ProductDao products, Reads<ProductDao> reads) {
        this.products = products;
        this.reads = reads;
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
    @Operation(operationId = "getProduct", summary = "One product")
    @ApiResponse(responseCode = "200", description = "The product", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a positive integer")
    @ApiResponse(responseCode = "404", description = "No product has this id")
    public Product get(@PathParam("id") @NotNull @Min(1) LongParam id) {
        return reads.find(dao -> dao.findById(id.get())).orElseThrow(() -> new NotFoundException(Missing.product(id.get())));
    }
}
