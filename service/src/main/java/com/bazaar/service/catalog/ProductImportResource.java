package com.bazaar.service.catalog;

import com.bazaar.catalog.Product;
import com.bazaar.catalog.ProductDao;
import com.bazaar.service.auth.Roles;
import com.bazaar.service.auth.User;
import com.bazaar.service.http.CsvBody;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A catalog from a spreadsheet: a CSV file of products, each created as {@code POST /products} would, in one transaction. */
@Path("/products/import")
@Tag(name = "Catalog")
@Produces(MediaType.APPLICATION_JSON)
public class ProductImportResource {
    private static final Logger LOG = LoggerFactory.getLogger(ProductImportResource.class);

    private final ProductDao products;
    private final Validator validator;

    public ProductImportResource(ProductDao products, Validator validator) {
        this.products = products;
        this.validator = validator;
    }

    @POST
    @Consumes(CsvBody.MEDIA_TYPE)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "importProducts", summary = "Add products from a CSV file",
            description = "RFC 4180 CSV in UTF-8 with a header row `name` and optionally `sku`; up to 100,000 rows. "
                    + "The whole file is checked first, each row under the rules of `POST /products`: any bad row is a "
                    + "400 naming up to ten lines, and nothing is created. Then, in one transaction, each row is created "
                    + "with its PRODUCT_CREATED audit row, or skipped when its name (in any case) or its SKU is taken, "
                    + "also by an earlier row of the file: uploading the same file twice creates nothing the second time.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = CsvBody.MEDIA_TYPE,
                    schema = @Schema(type = "string", example = "name,sku\r\nGreen tea 100g,TEA-1\r\nBlack tea 100g,\r\n"))))
    @ApiResponse(responseCode = "200", description = "How many were created, and the rows skipped with the reason",
            content = @Content(schema = @Schema(implementation = ProductImport.Outcome.class)))
    @ApiResponse(responseCode = "400", description = "A bad file or header, more than 100,000 rows, or bad rows (`errors` "
            + "names up to ten, with their lines); nothing was created")
    @ApiResponse(responseCode = "415", description = "The body is not text/csv")
    public ProductImport.Outcome importFile(@Auth User user, @Parameter(hidden = true) InputStream body) {
        CsvBody file = CsvBody.read(body, ProductImport.COLUMNS, ProductImport.MAX_ROWS);
        List<NewProduct> rows = ProductImport.rows(file, validator);
        List<Product> created = products.createAll(rows.stream().map(NewProduct::name).toList(),
                rows.stream().map(NewProduct::sku).toList(), user.getName());
        List<Integer> skipped = ProductImport.skipped(rows, created);
        Set<String> namesTaken = skipped.isEmpty() ? Set.of() : products.namesTaken(ProductImport.lowerNames(rows, skipped));
        ProductImport.Outcome outcome = ProductImport.outcome(file, rows, created.size(), skipped, namesTaken);
        LOG.info("Imported products: {} created, {} skipped", outcome.created(), outcome.skipped().size());
        return outcome;
    }
}
