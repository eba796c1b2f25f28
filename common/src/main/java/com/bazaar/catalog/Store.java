package com.bazaar.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** {@code version} counts updates: clients see it as the ETag, not in the body. */
public record Store(long id, String name, String location, Instant createdAt, Instant updatedAt, @JsonIgnore long version) {
}
