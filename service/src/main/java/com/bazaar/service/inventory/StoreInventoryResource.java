package com.bazaar.service.inventory;

import com.bazaar.service.catalog.CatalogIds;
import com.bazaar.catalog.Missing;
import com.bazaar.inventory.InventoryDao;
import com.bazaar.inventory.InventoryItem;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import com.bazaar.service.http.Paging;
import com.bazaar.service.replica.Reads;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.auth.Auth;
import io.dropwizard.jersey.params.LongParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A store's stock, read from the inventory levels (the cost does not depend on the size of the ledger), or with
 * {@code asOf} from the change feed as it stood at an instant (one index seek per level, however far back).
 */
@Path("/stores/{storeId}/inventory")
@Tag(name = "Inventory")
@Produces(MediaType.APPLICATION_JSON)
public class StoreInventoryResource {
    private final CatalogIds catalog;
    private final InventoryDao inventory;
    private final Reads<InventoryDao> reads;
    private final Clock clock;

    /** @param inventory the primary's, for a threshold's write and the row read back after it */
    public StoreInventoryResource(CatalogIds catalog, InventoryDao inventory, Reads<InventoryDao> reads, Clock clock) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.reads = reads;
        this.clock = clock;
    }

    public record StoreInventory(long storeId, List<InventoryItem> inventory) {
    }

    public record StoreItem(long storeId, long productId, String productName, long currentQuantity,
                            long reservedQuantity, long availableQuantity, Integer lowStockThreshold, boolean lowStock) {
    }

    /** The field must be there; null clears the threshold. */
    public record ThresholdUpdate(@JsonProperty(required = true) @Min(0) @Max(1_000_000) Integer lowStockThreshold) {
    }

    static final String AS_OF = "An ISO-8601 timestamp with offset, not in the future: the stock as a read at that instant "
            + "would have shown it (every change applied at or before it), with today's product names and thresholds";

    /** With {@code lowStock=true}, only the levels at or under their threshold. */
    @GET
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "getStoreInventory", summary = "A store's stock of every product it has had, by product id",
            description = "With `asOf`, as it stood at that instant: a product with no change by then is absent. With "
                    + "`Accept: text/csv`, the same rows as RFC 4180 CSV with a header row, streamed (any size of store): "
                    + "`productId,sku,productName,currentQuantity,reservedQuantity,availableQuantity,lowStockThreshold`, "
                    + "an empty field for a null.")
    @ApiResponse(responseCode = "200", description = "The store's inventory", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreInventory.class)),
        @Content(mediaType = InventoryCsv.MEDIA_TYPE, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "The store id is not a positive integer, lowStock is not true or false, "
            + "or asOf is malformed or in the future")
    @ApiResponse(responseCode = "404", description = "No store has this id")
    public StoreInventory list(@PathParam("storeId") @NotNull @Min(1) LongParam storeId,
                               @QueryParam("lowStock") String lowStock,
                               @QueryParam("asOf") @Parameter(description = AS_OF) String asOf) {
        catalog.requireStore(storeId.get());
        boolean lowOnly = "true".equals(Paging.oneOf("lowStock", lowStock, List.of("true", "false")));
        Instant at = pastInstant(asOf);
        long store = storeId.get();
        return new StoreInventory(store, reads.read(dao -> at != null
                ? (lowOnly ? dao.findLowByStoreAsOf(store, at) : dao.findByStoreAsOf(store, at))
                : (lowOnly ? dao.findLowByStore(store) : dao.findByStore(store))));
    }

    /**
     * The list as CSV, streamed from a cursor on the database the list reads (the replica when it serves reads), so any
     * size of store is written in constant memory. Asked for with {@code Accept: text/csv}; JSON stays the default.
     */
    @GET
    @Produces(InventoryCsv.MEDIA_TYPE + ";qs=0.5")
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    // In the API document as the list's text/csv answer: one operation per path and method.
    @Operation(hidden = true)
    public Response export(@PathParam("storeId") @NotNull @Min(1) LongParam storeId,
                           @QueryParam("lowStock") String lowStock,
                           @QueryParam("asOf") @Parameter(description = AS_OF) String asOf) {
        catalog.requireStore(storeId.get());
        boolean lowOnly = "true".equals(Paging.oneOf("lowStock", lowStock, List.of("true", "false")));
        Instant at = pastInstant(asOf);
        long store = storeId.get();
        // The database is chosen once, before the first row: a read that failed part-way cannot be asked again elsewhere.
        InventoryDao source = reads.read(Function.identity());
        return Response.ok(InventoryCsv.of(each -> source.export(store, lowOnly, at, each)), InventoryCsv.MEDIA_TYPE + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"store-" + store + "-inventory.csv\"").build();
    }

    /** A product the store has never moved is there with quantity 0. */
    @GET
    @Path("/{productId}")
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "getStoreInventoryItem", summary = "A store's stock of one product (0 if never moved)",
            description = "With `asOf`, as it stood at that instant: 0 if it had no change by then.")
    @ApiResponse(responseCode = "200", description = "The inventory row", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "An id is not a positive integer, or asOf is malformed or in the future")
    @ApiResponse(responseCode = "404", description = "No store or no product has this id")
    public StoreItem get(@PathParam("storeId") @NotNull @Min(1) LongParam storeId,
                         @PathParam("productId") @NotNull @Min(1) LongParam productId,
                         @QueryParam("asOf") @Parameter(description = AS_OF) String asOf) {
        catalog.requireStore(storeId.get());
        Instant at = pastInstant(asOf);
        long store = storeId.get();
        long product = productId.get();
        return item(reads.find(dao -> at != null ? dao.findItemAsOf(store, product, at) : dao.findItem(store, product)),
                store, product);
    }

    /** asOf parsed; a future instant is refused, since its answer would still change. */
    private Instant pastInstant(String asOf) {
        Instant at = Paging.instant("asOf", asOf);
        if (at != null && at.isAfter(clock.instant())) {
            throw new BadRequestException("asOf must not be in the future (got " + asOf + ")");
        }
        return at;
    }

    @PUT
    @Path("/{productId}/threshold")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "setLowStockThreshold", summary = "Set or clear the low-stock threshold of a store's product",
            description = "`lowStockThreshold` 0..1,000,000, or null to clear it; the field must be present. A movement "
                    + "that takes the level from above the threshold to at or under it writes a `LOW_STOCK_REACHED` audit row. "
                    + "The change itself writes a `LOW_STOCK_THRESHOLD_SET` audit row with the threshold before and after.")
    @ApiResponse(responseCode = "200", description = "The inventory row with its threshold", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A missing, malformed or out-of-range threshold, or a bad id")
    @ApiResponse(responseCode = "404", description = "The store or the product does not exist")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    public StoreItem setThreshold(@Auth User user,
                                  @PathParam("storeId") @NotNull @Min(1) LongParam storeId,
                                  @PathParam("productId") @NotNull @Min(1) LongParam productId,
                                  @NotNull @Valid ThresholdUpdate update) {
        catalog.requireStore(storeId.get());
        catalog.requireProduct(productId.get());
        inventory.setThreshold(storeId.get(), productId.get(), update.lowStockThreshold(), user.getName());
        return item(inventory.findItem(storeId.get(), productId.get()), storeId.get(), productId.get());
    }

    private static StoreItem item(Optional<InventoryItem> found, long storeId, long productId) {
        InventoryItem item = found.orElseThrow(() -> new NotFoundException(Missing.product(productId)));
        return new StoreItem(storeId, item.productId(), item.productName(), item.currentQuantity(),
                item.reservedQuantity(), item.availableQuantity(), item.lowStockThreshold(), item.lowStock());
    }

}
