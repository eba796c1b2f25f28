package com.bazaar.service.catalog;

import com.bazaar.catalog.Missing;
import com.bazaar.catalog.Product;
import com.bazaar.catalog.ProductDao;
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

@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {
    private final ProductDao products;

    public ProductResource(ProductDao products) {
        this.products = products;
    }

    public record Created(String message, long productId, Product product) {
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
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
    public List<Product> list() {
        return products.findAll();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    public Product get(@PathParam("id") @NotNull @Min(1) LongParam id) {
        return products.findById(id.get()).orElseThrow(() -> new NotFoundException(Missing.product(id.get())));
    }
}
