package com.bazaar.service.inventory;

import com.bazaar.service.catalog.CatalogIds;
import com.bazaar.inventory.InventoryDao;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.replica.Reads;
import io.dropwizard.jersey.params.LongParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A product's stock summed over all stores (the Stage 1 endpoint), from the inventory levels. */
@Path("/products/{productId}/quantity")
@Tag(name = "Inventory")
@Produces(MediaType.APPLICATION_JSON)
public class ProductQuantityResource {
    private final CatalogIds catalog;
    private final Reads<InventoryDao> inventory;

    public ProductQuantityResource(CatalogIds catalog, Reads<InventoryDao> inventory) {
        this.catalog = catalog;
        this.inventory = inventory;
    }

    public record ProductQuantity(long productId, long currentQuantity) {
    }

    @GET
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "getProductQuantity", summary = "A product's stock summed over all stores")
    @ApiResponse(responseCode = "200", description = "The total", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a positive integer")
    @ApiResponse(responseCode = "404", description = "No product has this id")
    public ProductQuantity get(@PathParam("productId") @NotNull @Min(1) LongParam productId) {
        catalog.requireProduct(productId.get());
        return new ProductQuantity(productId.get(), inventory.read(dao -> dao.totalQuantity(productId.get())));
    }
}
