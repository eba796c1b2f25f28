package com.bazaar.service.inventory;

import com.bazaar.feed.FeedDao;
import com.bazaar.feed.InventoryChange;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.http.Paging;
import io.dropwizard.jersey.params.IntParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The change feed: every level change, in the order the changes became visible (see migration 008). */
@Path("/inventory-changes")
@Tag(name = "Inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryChangesResource {
    private final FeedDao feed;

    public InventoryChangesResource(FeedDao feed) {
        this.feed = feed;
    }

    /** @param nextCursor where the next page starts: after this page's last change, or where this one started */
    public record ChangePage(List<InventoryChange> changes, String nextCursor) {
    }

    @GET
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "followInventoryChanges", summary = "Level changes in the order they became visible",
            description = "Each change is a level after an applied movement (`quantity`), with its `delta` and movement. "
                    + "No `after` starts from the first change. Keep passing `nextCursor` as `after` (it is never null: a "
                    + "page with no changes gives back the cursor it was asked with) to see every change exactly once, "
                    + "in commit order, while workers commit concurrently.")
    @ApiResponse(responseCode = "200", description = "The changes after the cursor, oldest first", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A cursor the API did not hand out, a `limit` outside 1..1000, a "
            + "`storeId` that is not a positive integer")
    public ChangePage changes(
            @QueryParam("after") @Parameter(description = "`nextCursor` of the page before (opaque)") String after,
            @QueryParam("storeId") @Parameter(schema = @Schema(type = "integer", format = "int64", minimum = "1")) String storeId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) IntParam limit) {
        Long store = Paging.positiveId("storeId", storeId);
        FeedCursor from = after == null ? FeedCursor.START : FeedCursor.decode(after);
        List<InventoryChange> changes = store == null ? feed.after(from.seq(), limit.get())
                : feed.afterInStore(store, from.seq(), limit.get());
        FeedCursor next = changes.isEmpty() ? from : new FeedCursor(changes.get(changes.size() - 1).seq());
        return new ChangePage(changes, next.encode());
    }
}
