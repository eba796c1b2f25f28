package com.bazaar.service.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.catalog.Product;
import com.bazaar.service.http.CsvBody;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProductImportTest {
    static Product created(long id, String name, String sku) {
        return new Product(id, name, sku, Instant.EPOCH, Instant.EPOCH, 1);
    }

    @Test
    void aRowIsCreatedOnlyByTheProductWithItsOwnNameAndSkuAndOnlyOnce() {
        List<NewProduct> rows = List.of(new NewProduct("Tea", "TAKEN"), new NewProduct("tea", "NEW"),
                new NewProduct("Tea", "TAKEN"), new NewProduct("Cocoa", null), new NewProduct("Cocoa", null));

        List<Integer> skipped = ProductImport.skipped(rows, List.of(created(7, "tea", "NEW"), created(8, "Cocoa", null)));

        assertThat(skipped).containsExactly(0, 2, 4);
    }

    @Test
    void aSkippedRowWhoseNameNoProductHasWasSkippedForItsSku() {
        CsvBody file = CsvBody.read(new ByteArrayInputStream("name,sku\nTea,T-1\nCocoa,T-1\n".getBytes(StandardCharsets.UTF_8)),
                ProductImport.COLUMNS, 10);
        List<NewProduct> rows = List.of(new NewProduct("Tea", "T-1"), new NewProduct("Cocoa", "T-1"));

        ProductImport.Outcome outcome = ProductImport.outcome(file, rows, 0, List.of(0, 1), Set.of("tea"));

        assertThat(outcome.skipped()).containsExactly(
                new ProductImport.Skipped(2, "A product named 'Tea' already exists"),
                new ProductImport.Skipped(3, "A product with SKU 'T-1' already exists"));
    }
}
