package com.bazaar.service.audit;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditDao;
import com.bazaar.audit.AuditFilter;
import com.bazaar.audit.AuditLog;
import com.bazaar.audit.ChainVerification;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.replica.Reads;
import com.bazaar.service.http.Paging;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.dropwizard.jersey.params.IntParam;
import io.dropwizard.jersey.params.LongParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The audit trail, for admins and auditors: every write in the system, findable by its entity. */
@Path("/audit-logs")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {
    private static final Set<String> ENTITY_TYPES = Arrays.stream(AuditAction.values()).map(AuditAction::entityType)
            .collect(Collectors.toCollection(TreeSet::new));
    private static final Set<String> ACTION_TYPES = Arrays.stream(AuditAction.values()).map(AuditAction::name)
            .collect(Collectors.toCollection(TreeSet::new));

    private final Reads<AuditDao> audit;

    public AuditLogResource(Reads<AuditDao> audit) {
        this.audit = audit;
    }

    public record AuditPage(@JsonUnwrapped Paging.Totals totals, List<AuditLog> auditLogs) {
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "findAuditLogs", summary = "The audit trail, newest first",
            description = "Paged as the movement report, with the same 10,000-row window.")
    @ApiResponse(responseCode = "200", description = "One page of audit rows", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A malformed or out-of-range parameter (the message names it), "
            + "`startDate` after `endDate`, or `offset + limit` over 10,000")
    public AuditPage find(
            @QueryParam("entityType") @Parameter(description = "The entity type of an audit action: product, store, stock_movement, inventory_level, reservation")
            @Size(min = 1, max = 50) String entityType,
            @QueryParam("entityId") @Size(min = 1, max = 64) String entityId,
            @QueryParam("userId") @Size(min = 1, max = 255) String userId,
            @QueryParam("actionType") @Parameter(schema = @Schema(implementation = AuditAction.class)) @Size(min = 1, max = 50) String actionType,
            @QueryParam("startDate") @Parameter(description = "Inclusive", schema = @Schema(type = "string", format = "date-time")) String startDate,
            @QueryParam("endDate") @Parameter(description = "Inclusive", schema = @Schema(type = "string", format = "date-time")) String endDate,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) IntParam limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) LongParam offset) {
        var filter = new AuditFilter(Paging.oneOf("entityType", entityType, ENTITY_TYPES), Paging.text("entityId", entityId),
                Paging.text("userId", userId), Paging.oneOf("actionType", actionType, ACTION_TYPES),
                Paging.instant("startDate", startDate), Paging.instant("endDate", endDate));
        Paging.requireOrdered(filter.startDate(), filter.endDate());
        var page = audit.read(dao -> Paging.page(limit.get(), offset.get(), cap -> dao.count(filter, cap),
                () -> dao.find(filter, limit.get(), offset.get())));
        return new AuditPage(page.totals(), page.rows());
    }

    @GET
    @Path("/verify")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "verifyAuditLogs", summary = "Recompute the audit log's hash chain",
            description = "Reads every audit row in chain order, in one snapshot, and checks each row's hash against "
                    + "the row before it and the last against the recorded head. A row changed, removed or inserted "
                    + "behind the application's back makes the chain invalid at that row (a removed row: at the row "
                    + "after it). Takes time in proportion to the log's size.")
    @ApiResponse(responseCode = "200", description = "What the check found (valid or not)", useReturnTypeSchema = true)
    public ChainVerification verify() {
        return audit.read(AuditDao::verify);
    }
}
