package com.bazaar.catalog;

import java.time.Instant;

public record Product(long id, String name, String sku, Instant createdAt, Instant updatedAt) {
}
