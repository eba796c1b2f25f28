package com.bazaar.service.catalog;

import com.bazaar.catalog.Product;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PATCH /products/{id}}: only the fields sent change. Values are trimmed and follow the rules
 * of {@link NewProduct}; {@code "sku": null} removes the SKU, {@code "name": null} is refused.
 */
@Schema(name = "ProductPatch", description = "At least one field. `name` as on create; `sku` as on create, or null to remove it.")
public final class ProductPatch {
    @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
    @Size(max = 200)
    private String name;
    private boolean nameSent;

    @Size(min = 1, max = 64)
    @Pattern(regexp = "\\S+", message = "must not contain white space")
    private String sku;
    private boolean skuSent;

    @JsonSetter(value = "name", nulls = Nulls.FAIL)
    public void setName(String name) {
        this.name = name.strip();
        this.nameSent = true;
    }

    @JsonSetter("sku")
    @Schema(nullable = true)
    public void setSku(String sku) {
        this.sku = sku == null ? null : sku.strip();
        this.skuSent = true;
    }

    /** As sent and trimmed (null when not sent), for messages. */
    public String name() {
        return name;
    }

    /** As sent and trimmed (null when not sent), for messages. */
    public String sku() {
        return sku;
    }

    /** True for {@code {}}: a PATCH must name something to change. */
    public boolean namesNoField() {
        return !nameSent && !skuSent;
    }

    public Product applyTo(Product current) {
        return new Product(current.id(), nameSent ? name : current.name(), skuSent ? sku : current.sku(),
                current.createdAt(), current.updatedAt(), current.version());
    }
}
