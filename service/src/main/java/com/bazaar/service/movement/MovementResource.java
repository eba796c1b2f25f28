package com.bazaar.service.movement;

import com.bazaar.movement.LedgerDao;
import com.bazaar.movement.MovementFilter;
import com.bazaar.movement.MovementStatus;
import com.bazaar.movement.MovementType;
import com.bazaar.movement.MovementView;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.replica.Reads;
import com.bazaar.service.http.Paging;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.dropwizard.jersey.params.IntParam;
import io.dropwizard.jersey.params.LongParam;
import io.dropwizard.jersey.params.UUIDParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/stock-movements")
@Tag(name = "Stock movements")
@Produces(MediaType.APPLICATION_JSON)
public class MovementResource {
    private final LedgerDao ledger;
    private final Reads<LedgerDao> reads;

    /** @param ledger the primary's, for a movement's status: a client polls it right after its own write */
    public MovementResource(LedgerDao ledger, Reads<LedgerDao> reads) {
        this.ledger = ledger;
        this.reads = reads;
    }

    /**
     * @param totals     absent when paging by cursor (counting is what a cursor avoids)
     * @param nextCursor where the next page starts, null on the last one
     */
    public record MovementPage(@JsonUnwrapped Paging.Totals totals, List<MovementView> movements, String nextCursor) {

        /** @param rows up to one more than {@code limit}: the extra row only says that there is a next page */
        static MovementPage of(Paging.Totals totals, List<MovementView> rows, int limit) {
            if (rows.size() <= limit) {
                return new MovementPage(totals, rows, null);
            }
            MovementView last = rows.get(limit - 1);
            return new MovementPage(totals, rows.subList(0, limit),
                    new ReportCursor(last.occurredAt(), last.ledgerId()).encode());
        }
    }

    /**
     * The movement report: filters, newest first by occurredAt, paged by limit and either offset (with totals,
     * within a window) or cursor (keyset, at any depth).
     */
    @GET
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "reportStockMovements", summary = "The movement report, newest first by occurredAt",
            description = "Counts and pages through at most 10,000 matches of a filter: above that `totalItems` is "
                    + "10,000 with `totalItemsExact` false, and `offset + limit` over 10,000 is a 400 (narrow the filter, "
                    + "by dates for instance). Every page has `nextCursor` (null on the last): pass it as `cursor`, with the "
                    + "same filters and limit, to page at any depth (cursor pages have no totals).")
    @ApiResponse(responseCode = "200", description = "One page of the report", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A malformed or out-of-range parameter (the message names it), "
            + "`startDate` after `endDate`, `offset + limit` over 10,000, a cursor the API did not hand out, or a cursor "
            + "with an offset")
    public MovementPage report(
            @QueryParam("storeId") @Parameter(schema = @Schema(type = "integer", format = "int64", minimum = "1")) String storeId,
            @QueryParam("productId") @Parameter(schema = @Schema(type = "integer", format = "int64", minimum = "1")) String productId,
            @QueryParam("type") @Parameter(schema = @Schema(implementation = MovementType.class)) String type,
            @QueryParam("status") @DefaultValue("applied") @Parameter(schema = @Schema(implementation = MovementStatus.class)) String status,
            @QueryParam("startDate") @Parameter(description = "On occurredAt, inclusive", schema = @Schema(type = "string", format = "date-time")) String startDate,
            @QueryParam("endDate") @Parameter(description = "On occurredAt, inclusive", schema = @Schema(type = "string", format = "date-time")) String endDate,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) IntParam limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) LongParam offset,
            @QueryParam("cursor") @Parameter(description = "`nextCursor` of the page before (opaque)") String cursor) {
        var filter = new MovementFilter(Paging.positiveId("storeId", storeId), Paging.positiveId("productId", productId),
                Paging.wireName("type", type, MovementType.class), Paging.wireName("status", status, MovementStatus.class),
                Paging.instant("startDate", startDate), Paging.instant("endDate", endDate));
        Paging.requireOrdered(filter.startDate(), filter.endDate());
        if (cursor != null) {
            if (offset.get() != 0) {
                throw new BadRequestException("cursor and offset do not go together: follow nextCursor from the first page");
            }
            ReportCursor after = ReportCursor.decode(cursor);
            return MovementPage.of(null, reads.read(dao -> dao.reportAfter(filter, after.occurredAt(), after.ledgerId(),
                    limit.get() + 1)), limit.get());
        }
        var page = reads.read(dao -> Paging.page(limit.get(), offset.get(), cap -> dao.count(filter, cap),
                () -> dao.report(filter, limit.get() + 1, offset.get())));
        return MovementPage.of(page.totals(), page.rows(), limit.get());
    }

    /** A movement the worker has applied or rejected; one still on the queue is not known yet (404). */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CLERK, Roles.AUDITOR})
    @Operation(operationId = "getStockMovement", summary = "One movement, once the worker has applied or rejected it")
    @ApiResponse(responseCode = "200", description = "The movement: `applied`, or `rejected` with its `rejectionReason`",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "Unknown, or still waiting on the queue")
    public MovementView get(@PathParam("id") @NotNull UUIDParam id) {
        return ledger.findById(id.get()).orElseThrow(() -> new NotFoundException(
                "Stock movement " + id.get() + " not found: it is unknown or still waiting on the queue"));
    }
}
