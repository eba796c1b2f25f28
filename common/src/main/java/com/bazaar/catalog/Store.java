package com.bazaar.catalog;

import java.time.Instant;

public record Store(long id, String name, String location, Instant createdAt, Instant updatedAt) {
}
