package com.bazaar.service.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.catalog.Patched;
import com.bazaar.catalog.Product;
import com.bazaar.catalog.Store;
import com.bazaar.json.StrictJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dropwizard.jackson.Jackson;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Patch bodies as the service reads them (strict JSON, then validation) merged onto a row, and what a PATCH decides. */
class CatalogPatchesTest {
    static final ObjectMapper JSON = StrictJson.configure(Jackson.newObjectMapper());
    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    static final Instant T = Instant.parse("2026-11-24T10:15:30Z");
    static final Product OAT = new Product(7, "Oat milk", "OAT-1L", T, T, 3);
    static final Store DOWNTOWN = new Store(2, "Downtown", "1 Main St", T, T, 1);

    static ProductPatch product(String json) throws Exception {
        return JSON.readValue(json, ProductPatch.class);
    }

    static StorePatch store(String json) throws Exception {
        return JSON.readValue(json, StorePatch.class);
    }

    @Test
    void onlyTheFieldsSentChangeTrimmed() throws Exception {
        assertThat(product("{\"name\": \"  Oat drink \"}").applyTo(OAT))
                .isEqualTo(new Product(7, "Oat drink", "OAT-1L", T, T, 3));
        assertThat(product("{\"sku\": \" OAT-2L \"}").applyTo(OAT)).isEqualTo(new Product(7, "Oat milk", "OAT-2L", T, T, 3));
        assertThat(store("{\"location\": \"2 Main St\"}").applyTo(DOWNTOWN)).isEqualTo(new Store(2, "Downtown", "2 Main St", T, T, 1));
    }

    @Test
    void aNullOptionalFieldRemovesItAndAnAbsentOneKeepsIt() throws Exception {
        assertThat(product("{\"sku\": null}").applyTo(OAT).sku()).isNull();
        assertThat(store("{\"location\": null}").applyTo(DOWNTOWN).location()).isNull();
        assertThat(store("{\"name\": \"Uptown\"}").applyTo(DOWNTOWN).location()).isEqualTo("1 Main St");
    }

    @Test
    void anEmptyObjectNamesNoField() throws Exception {
        assertThat(product("{}").namesNoField()).isTrue();
        assertThat(store("{}").namesNoField()).isTrue();
        assertThat(product("{\"sku\": null}").namesNoField()).isFalse();
    }

    @Test
    void aNullNameAWrongTypeOrAnUnknownFieldIsRefusedWhileReading() {
        assertThatThrownBy(() -> product("{\"name\": null}")).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> product("{\"name\": 42}")).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> store("{\"location\": true}")).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> product("{\"nameSent\": true}")).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> product("{\"version\": 9}")).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void theCreateRulesHold() throws Exception {
        assertThat(VALIDATOR.validate(product("{\"name\": \"   \"}"))).extracting(v -> v.getMessage()).containsExactly("must not be blank");
        assertThat(VALIDATOR.validate(product("{\"name\": \"" + "x".repeat(201) + "\"}"))).hasSize(1);
        assertThat(VALIDATOR.validate(product("{\"name\": \"" + "x".repeat(200) + "\"}"))).isEmpty();
        assertThat(VALIDATOR.validate(product("{\"sku\": \"A B\"}"))).extracting(v -> v.getMessage())
                .containsExactly("must not contain white space");
        assertThat(VALIDATOR.validate(product("{\"sku\": \" \"}"))).isNotEmpty();
        assertThat(VALIDATOR.validate(store("{\"location\": \"" + "x".repeat(501) + "\"}"))).hasSize(1);
        assertThat(VALIDATOR.validate(store("{\"location\": null, \"name\": \"Uptown\"}"))).isEmpty();
    }

    @Test
    void aStaleIfMatchFailsAndWritesNothing() {
        Product renamed = new Product(7, "Oat drink", "OAT-1L", T, T, 3);
        assertThat(CatalogPatches.decide("\"2\"", OAT, 3, renamed)).isEqualTo(new Patched.PreconditionFailed<>(OAT));
        assertThat(CatalogPatches.decide("W/\"3\"", OAT, 3, renamed)).isEqualTo(new Patched.PreconditionFailed<>(OAT));
    }

    @Test
    void aMatchingOrAbsentIfMatchChangesAndSameValuesChangeNothing() {
        Product renamed = new Product(7, "Oat drink", "OAT-1L", T, T, 3);
        assertThat(CatalogPatches.decide("\"3\"", OAT, 3, renamed)).isEqualTo(new Patched.Changed<>(OAT, renamed));
        assertThat(CatalogPatches.decide(null, OAT, 3, renamed)).isEqualTo(new Patched.Changed<>(OAT, renamed));
        assertThat(CatalogPatches.decide("*", OAT, 3, OAT)).isEqualTo(new Patched.Unchanged<>(OAT));
    }
}
