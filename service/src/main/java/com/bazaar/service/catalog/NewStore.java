package com.bazaar.service.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /stores}; surrounding white space is trimmed before validation. */
public record NewStore(@NotBlank @Size(max = 200) String name, @Size(min = 1, max = 500) String location) {

    public NewStore {
        name = name == null ? null : name.strip();
        location = location == null ? null : location.strip();
    }
}
