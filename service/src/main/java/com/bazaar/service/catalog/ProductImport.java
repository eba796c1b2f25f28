package com.bazaar.service.catalog;

import com.bazaar.catalog.Product;
import com.bazaar.service.http.CsvBody;
import com.bazaar.service.http.RowProblems;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Validator;
import jakarta.ws.rs.BadRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The rules of a product import file: each row is the body of {@code POST /products}; what was created, what skipped. */
final class ProductImport {
    static final Set<String> COLUMNS = new LinkedHashSet<>(List.of("name", "sku"));
    static final int MAX_ROWS = 100_000;

    /** @param skipped the rows whose name or SKU was taken, with the reason */
    @Schema(name = "ProductImport")
    record Outcome(int created, List<Skipped> skipped) {
    }

    @Schema(name = "ProductImportSkippedRow")
    record Skipped(int line, String reason) {
    }

    private ProductImport() {
    }

    /** Each row as a new product (trimmed), in file order, or the 400 naming the bad rows. */
    static List<NewProduct> rows(CsvBody file, Validator validator) {
        if (!file.header().contains("name")) {
            throw new BadRequestException("Line 1: the header needs the column name");
        }
        List<NewProduct> rows = new ArrayList<>(file.rows().size());
        RowProblems problems = new RowProblems();
        for (CsvBody.Row row : file.rows()) {
            NewProduct product = new NewProduct(row.get("name"), row.get("sku"));
            List<String> rowProblems = validator.validate(product).stream()
                    .map(violation -> violation.getPropertyPath() + " " + violation.getMessage()).sorted().toList();
            if (rowProblems.isEmpty()) {
                rows.add(product);
            } else {
                problems.add(row.line(), rowProblems);
            }
        }
        problems.throwIfAny("nothing was created");
        return rows;
    }

    /** The indexes of the rows not among {@code created} (a row created once, a repeat of it skipped). */
    static List<Integer> skipped(List<NewProduct> rows, List<Product> created) {
        Map<NewProduct, Integer> unclaimed = new HashMap<>();
        created.forEach(product -> unclaimed.merge(new NewProduct(product.name(), product.sku()), 1, Integer::sum));
        List<Integer> skipped = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Integer left = unclaimed.get(rows.get(i));
            if (left == null || left == 0) {
                skipped.add(i);
            } else {
                unclaimed.put(rows.get(i), left - 1);
            }
        }
        return skipped;
    }

    static String[] lowerNames(List<NewProduct> rows, List<Integer> indexes) {
        return indexes.stream().map(i -> rows.get(i).name().toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
    }

    /**
     * @param namesTaken the skipped rows' names (lower case) that a product has after the import: a skipped row
     *                   whose name is not among them was skipped for its SKU
     */
    static Outcome outcome(CsvBody file, List<NewProduct> rows, int created, List<Integer> skipped, Set<String> namesTaken) {
        return new Outcome(created, skipped.stream().map(i -> {
            NewProduct row = rows.get(i);
            String reason = namesTaken.contains(row.name().toLowerCase(Locale.ROOT))
                    ? "A product named '" + row.name() + "' already exists"
                    : "A product with SKU '" + Objects.requireNonNull(row.sku()) + "' already exists";
            return new Skipped(file.rows().get(i).line(), reason);
        }).toList());
    }
}
