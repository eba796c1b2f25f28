package com.bazaar.service.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogChangeTest {
    @Test
    void readsTheTriggersPayloads() {
        assertThat(CatalogChange.parse("products:12")).contains(new CatalogChange(CatalogChange.Table.PRODUCTS, 12));
        assertThat(CatalogChange.parse("stores:3")).contains(new CatalogChange(CatalogChange.Table.STORES, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "products", "products:", "products:x", "products:0", "levels:1", ":1"})
    void skipsWhatItDoesNotKnow(String payload) {
        assertThat(CatalogChange.parse(payload)).isEmpty();
    }
}
