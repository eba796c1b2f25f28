package com.bazaar.service.movement;

import com.bazaar.catalog.ProductDao;
import com.bazaar.movement.MovementMessage;
import com.bazaar.queue.QueueMessage;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import com.bazaar.service.catalog.CatalogIds;
import com.bazaar.service.http.CsvBody;
import com.bazaar.service.http.RequestIdFilter;
import io.dropwizard.auth.Auth;
import io.dropwizard.jersey.params.LongParam;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's stock from a spreadsheet: a CSV file of counts (or other movements) checked as a whole, then put on the
 * queue as ordinary movements, and a record of which movements the file became ({@link ImportProgressResource}).
 */
@Path("/stores/{storeId}/stock-movements/import")
@Tag(name = "Stock movements")
@Produces(MediaType.APPLICATION_JSON)
public class MovementImportResource {
    private static final Logger LOG = LoggerFactory.getLogger(MovementImportResource.class);
    /** SendMessageBatch calls on the wire at once for one file (each lane keeps its products' order). */
    static final int LANES = 32;

    private final CatalogIds catalog;
    private final MovementIntake intake;
    private final MovementPublisher publisher;
    private final ProductDao products;
    private final MovementImportDao imports;
    private final Validator validator;

    public MovementImportResource(CatalogIds catalog, MovementPublisher publisher, ProductDao products,
                                  MovementImportDao imports, Validator validator, Clock clock) {
        this.catalog = catalog;
        this.intake = new MovementIntake(catalog, clock);
        this.publisher = publisher;
        this.products = products;
        this.imports = imports;
        this.validator = validator;
    }

    @Schema(name = "ImportAccepted")
    public record Accepted(UUID importId, int rows) {
    }

    @POST
    @Consumes(CsvBody.MEDIA_TYPE)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "importStockMovements", summary = "Load a store's counts (or other movements) from a CSV file",
            description = "RFC 4180 CSV in UTF-8 with a header row: `productId` or `sku` (one of them), `quantity`, and "
                    + "optionally `type` (`in`, `out`, `manual` or `count`; empty is `count`), `expectedQuantity` and "
                    + "`reason`; quoted fields, CRLF or LF, a byte order mark and blank lines are fine; up to 100,000 rows. "
                    + "The whole file is checked first, each row under the rules of a single movement: any bad row is a "
                    + "400 naming up to ten lines, and nothing is enqueued. Then every row is on the queue as a movement "
                    + "(each product's rows in file order) and the answer is 202; follow `Location` for the progress. "
                    + "With an `Idempotency-Key`, row i (from 0) is the movement of key + `:` + i and the import keeps "
                    + "its id: uploading the same file again after a failure applies nothing twice.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = CsvBody.MEDIA_TYPE,
                    schema = @Schema(type = "string", example = "sku,quantity\r\nTEA-1,24\r\nTEA-2,0\r\n"))))
    @ApiResponse(responseCode = "202", description = "Every row is on the queue, as movements that are pending",
            headers = @Header(name = "Location", description = "`/imports/{importId}`", schema = @Schema(type = "string", format = "uri")),
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "400", description = "A bad file or header, more than 100,000 rows, or bad rows (`errors` "
            + "names up to ten, with their lines), or a bad `Idempotency-Key` or store id; nothing was enqueued")
    @ApiResponse(responseCode = "404", description = "The store does not exist; nothing was enqueued")
    @ApiResponse(responseCode = "415", description = "The body is not text/csv")
    @ApiResponse(responseCode = "503", description = "The queue or the database is unreachable; rows may be on the queue. "
            + "Retry after `Retry-After` seconds with the same `Idempotency-Key` (repeats are dropped)",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = "integer")))
    public Response importFile(
            @Auth User user,
            @PathParam("storeId") @NotNull @Min(1) LongParam storeId,
            @Parameter(description = "The same key from the same user names the same import and the same movements")
            @HeaderParam("Idempotency-Key") @IdempotencyKey String idempotencyKey,
            @Parameter(hidden = true) InputStream body,
            @Context HttpServletRequest http) {
        long store = storeId.get();
        catalog.requireStore(store);
        CsvBody file = CsvBody.read(body, MovementImportRows.COLUMNS, MovementImportRows.MAX_ROWS);
        MovementImportRows.checkHeader(file);
        Set<String> skus = MovementImportRows.skus(file);
        Map<String, Long> productIds = skus.isEmpty() ? Map.of() : products.idsBySku(skus.toArray(String[]::new));
        List<NewMovement> rows = MovementImportRows.movements(file, productIds, catalog.products()::contains, validator);
        List<MovementMessage> messages = intake.imported(user, store, idempotencyKey, rows);
        String requestId = (String) http.getAttribute(RequestIdFilter.ATTRIBUTE);
        try {
            publisher.publishInGroupOrder(messages, requestId, LANES).join();
        } catch (CompletionException e) {
            return QueueAnswer.queueUnavailable(e.getCause());
        }
        UUID importId = idempotencyKey == null ? UUID.randomUUID() : MovementIntake.importId(user.getName(), idempotencyKey);
        imports.record(importId, store, messages.stream().map(MovementMessage::movementId).toArray(UUID[]::new), user.getName());
        LOG.info("Accepted import {}: {} movements at store {}", importId, messages.size(), store);
        return Response.accepted(new Accepted(importId, messages.size()))
                .location(URI.create("/imports/" + importId)).build();
    }
}
