package com.bazaar.service.movement;

import com.bazaar.catalog.Missing;
import com.bazaar.movement.MovementType;
import com.bazaar.service.http.CsvBody;
import com.bazaar.service.http.RowProblems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.BadRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * The rows of a movement import file, checked as a whole before anything is enqueued: each row is the body of a single
 * movement ({@link NewMovement}, under the same validation and with the same words), its product named by id or by SKU,
 * its type {@code count} unless it says otherwise. A file with bad rows is one 400 naming the first ten ({@link RowProblems}).
 */
final class MovementImportRows {
    static final String PRODUCT_ID = "productId";
    static final String SKU = "sku";
    static final Set<String> COLUMNS = new LinkedHashSet<>(
            List.of(PRODUCT_ID, SKU, "quantity", "type", "expectedQuantity", "reason"));
    static final int MAX_ROWS = 100_000;
    private static final Set<MovementType> TYPES = Set.of(MovementType.IN, MovementType.OUT, MovementType.MANUAL, MovementType.COUNT);
    private static final String TYPE_NAMES = "in, out, manual, count";

    private MovementImportRows() {
    }

    /** A 400 unless the header names the product one way (productId or sku) and has a quantity. */
    static void checkHeader(CsvBody file) {
        if (file.header().contains(PRODUCT_ID) == file.header().contains(SKU)) {
            throw new BadRequestException("Line 1: the header needs one of the columns productId and sku, not both");
        }
        if (!file.header().contains("quantity")) {
            throw new BadRequestException("Line 1: the header needs the column quantity");
        }
    }

    /** The SKUs the rows name (none when the file names products by id), to look up in one query. */
    static Set<String> skus(CsvBody file) {
        return file.rows().stream().map(row -> row.get(SKU)).filter(sku -> sku != null).map(String::strip)
                .collect(Collectors.toSet());
    }

    /**
     * Each row's movement body, in file order, or a 400 listing the bad rows.
     *
     * @param productIdsBySku the product of each SKU that exists
     * @param productExists   whether a product id exists
     */
    static List<NewMovement> movements(CsvBody file, Map<String, Long> productIdsBySku, LongPredicate productExists,
                                       Validator validator) {
        List<NewMovement> movements = new ArrayList<>(file.rows().size());
        RowProblems problems = new RowProblems();
        boolean bySku = file.header().contains(SKU);
        for (CsvBody.Row row : file.rows()) {
            List<String> rowProblems = new ArrayList<>();
            NewMovement movement = movement(row, bySku, productIdsBySku, productExists, rowProblems);
            if (movement != null) {
                validator.validate(movement).stream()
                        .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                        .map(MovementImportRows::words).forEach(rowProblems::add);
            }
            if (rowProblems.isEmpty()) {
                movements.add(movement);
            } else {
                problems.add(row.line(), rowProblems);
            }
        }
        problems.throwIfAny("nothing was enqueued");
        return movements;
    }

    private static String words(ConstraintViolation<NewMovement> violation) {
        return violation.getPropertyPath() + " " + violation.getMessage();
    }

    /** The row as a body, or null with its problems (an unknown product, a type or number that does not parse). */
    private static NewMovement movement(CsvBody.Row row, boolean bySku, Map<String, Long> productIdsBySku,
                                        LongPredicate productExists, List<String> problems) {
        Long productId = productId(row, bySku, productIdsBySku, productExists, problems);
        MovementType type = type(row.get("type"), problems);
        Integer quantity = number(row, "quantity", problems);
        Integer expected = number(row, "expectedQuantity", problems);
        if (!problems.isEmpty()) {
            return null;
        }
        if (quantity == null) {
            problems.add("quantity must not be empty");
            return null;
        }
        return new NewMovement(productId, type, quantity, expected, row.get("reason"), null, null);
    }

    private static Long productId(CsvBody.Row row, boolean bySku, Map<String, Long> productIdsBySku,
                                  LongPredicate productExists, List<String> problems) {
        String value = row.get(bySku ? SKU : PRODUCT_ID);
        if (value == null) {
            problems.add((bySku ? SKU : PRODUCT_ID) + " must not be empty");
            return null;
        }
        if (bySku) {
            Long product = productIdsBySku.get(value.strip());
            if (product == null) {
                problems.add("no product has SKU '" + value.strip() + "'");
            }
            return product;
        }
        Optional<Long> id = positive(value.strip());
        if (id.isEmpty()) {
            problems.add("productId '" + value + "' is not a positive whole number");
        } else if (!productExists.test(id.get())) {
            problems.add(Missing.product(id.get()));
        }
        return id.orElse(null);
    }

    private static MovementType type(String value, List<String> problems) {
        if (value == null) {
            return MovementType.COUNT;
        }
        Optional<MovementType> type = Arrays.stream(MovementType.values())
                .filter(TYPES::contains).filter(t -> t.toString().equals(value.strip())).findFirst();
        if (type.isEmpty()) {
            problems.add("type '" + value + "' is not one of " + TYPE_NAMES);
        }
        return type.orElse(null);
    }

    private static Integer number(CsvBody.Row row, String column, List<String> problems) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            problems.add(column + " '" + value + "' is not a whole number");
            return null;
        }
    }

    private static Optional<Long> positive(String value) {
        try {
            long id = Long.parseLong(value);
            return id >= 1 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
