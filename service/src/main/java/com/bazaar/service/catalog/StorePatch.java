package com.bazaar.service.catalog;

import com.bazaar.catalog.Store;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PATCH /stores/{id}}: only the fields sent change. Values are trimmed and follow the rules
 * of {@link NewStore}; {@code "location": null} removes the location, {@code "name": null} is refused.
 */
@Schema(name = "StorePatch", description = "At least one field. `name` as on create; `location` as on create, or null to remove it.")
public final class StorePatch {
    @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
    @Size(max = 200)
    private String name;
    private boolean nameSent;

    @Size(min = 1, max = 500)
    private String location;
    private boolean locationSent;

    @JsonSetter(value = "name", nulls = Nulls.FAIL)
    public void setName(String name) {
        this.name = name.strip();
        this.nameSent = true;
    }

    @JsonSetter("location")
    @Schema(nullable = true)
    public void setLocation(String location) {
        this.location = location == null ? null : location.strip();
        this.locationSent = true;
    }

    /** As sent and trimmed (null when not sent), for messages. */
    public String name() {
        return name;
    }

    /** True for {@code {}}: a PATCH must name something to change. */
    public boolean namesNoField() {
        return !nameSent && !locationSent;
    }

    public Store applyTo(Store current) {
        return new Store(current.id(), nameSent ? name : current.name(), locationSent ? location : current.location(),
                current.createdAt(), current.updatedAt(), current.version());
    }
}
