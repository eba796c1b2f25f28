package com.bazaar.service.inventory;

import com.bazaar.catalog.Missing;
import com.bazaar.catalog.KnownIds;
import com.bazaar.inventory.InventoryDao;
import com.bazaar.inventory.InventoryItem;
import com.bazaar.service.auth.Roles;
import io.dropwizard.jersey.params.LongParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A store's stock, read from the inventory levels: the cost does not depend on the size of the ledger. */
@Path("/stores/{storeId}/inventory")
@Tag(name = "Inventory")
@Produces(MediaType.APPLICATION_JSON)
public class StoreInventoryResource {
    private final KnownIds stores;
    private final InventoryDao inventory;

    public StoreInventoryResource(KnownIds stores, InventoryDao inventory) {
        this.stores = stores;
        this.inventory = inventory;
    }

    public record StoreInventory(long storeId, List<InventoryItem> inventory) {
    }

    public record StoreItem(long storeId, long productId, String productName, long currentQuantity) {
    }

    @GET
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "getStoreInventory", summary = "A store's stock of every product it has had, by product id")
    @ApiResponse(responseCode = "200", description = "The store's inventory", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The store id is not a positive integer")
    @ApiResponse(responseCode = "404", description = "No store has this id")
    public StoreInventory list(@PathParam("storeId") @NotNull @Min(1) LongParam storeId) {
        requireStore(storeId.get());
        return new StoreInventory(storeId.get(), inventory.findByStore(storeId.get()));
    }

    /** A product the store has never moved is there with quantity 0. */
    @GET
    @Path("/{productId}")
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "getStoreInventoryItem", summary = "A store's stock of one product (0 if never moved)")
    @ApiResponse(responseCode = "200", description = "The inventory row", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "An id is not a positive integer")
    @ApiResponse(responseCode = "404", description = "No store or no product has this id")
    public StoreItem get(@PathParam("storeId") @NotNull @Min(1) LongParam storeId,
                         @PathParam("productId") @NotNull @Min(1) LongParam productId) {
        requireStore(storeId.get());
        InventoryItem item = inventory.findItem(storeId.get(), productId.get())
                .orElseThrow(() -> new NotFoundException(Missing.product(productId.get())));
        return new StoreItem(storeId.get(), item.productId(), item.productName(), item.currentQuantity());
    }

    private void requireStore(long storeId) {
        if (!stores.contains(storeId)) {
            throw new NotFoundException(Missing.store(storeId));
        }
    }
}
