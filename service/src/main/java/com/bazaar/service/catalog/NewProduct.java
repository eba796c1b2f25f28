package com.bazaar.service.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /products}; surrounding white space is trimmed before validation. */
public record NewProduct(
        @NotBlank @Size(max = 200) String name,
        @Size(min = 1, max = 64) @Pattern(regexp = "\\S+", message = "must not contain white space") String sku) {

    public NewProduct {
        name = name == null ? null : name.strip();
        sku = sku == null ? null : sku.strip();
    }
}
