package com.bazaar.service.catalog;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class ProductsIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();

    Api admin() {
        return Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }

    @Test
    void createsAProductWithLocationAuditRowAndTrimmedName() {
        String name = unique("Apple");
        HttpResponse<String> response = admin().post("/products", "{\"name\": \"  " + name + "  \", \"sku\": \" SKU-" + name.hashCode() + " \"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json(response);
        long id = body.get("productId").asLong();
        assertThat(body.get("message").asText()).isEqualTo("Product added successfully");
        assertThat(body.at("/product/id").asLong()).isEqualTo(id);
        assertThat(body.at("/product/name").asText()).isEqualTo(name);
        assertThat(body.at("/product/sku").asText()).isEqualTo("SKU-" + name.hashCode());
        assertThat(Instant.parse(body.at("/product/createdAt").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(body.at("/product/updatedAt").asText()).as("a new product was last updated when it was created")
                .isEqualTo(body.at("/product/createdAt").asText());
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/products/" + id));

        JsonNode fetched = json(admin().get("/products/" + id));
        assertThat(fetched).isEqualTo(body.get("product"));
        assertThat(json(admin().get("/products")).findValuesAsText("name")).contains(name);

        var audit = DB.withHandle(h -> h.createQuery(
                        "SELECT user_id, action_type, details->>'name' FROM audit_logs WHERE entity_type = 'product' AND entity_id = :id")
                .bind("id", String.valueOf(id))
                .map((rs, ctx) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3))
                .list());
        assertThat(audit).containsExactly(ServiceTestApp.ADMIN + "|PRODUCT_CREATED|" + name);
    }

    @Test
    void aSkuIsOptional() {
        HttpResponse<String> response = admin().post("/products", "{\"name\": \"" + unique("Pear") + "\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).at("/product/sku").isNull()).isTrue();
    }

    @Test
    void aNameTakenInAnyCaseIsAConflictAndWritesNothing() {
        String name = unique("Banana");
        assertThat(admin().post("/products", "{\"name\": \"" + name + "\"}").statusCode()).isEqualTo(201);
        long before = count();

        HttpResponse<String> again = admin().post("/products", "{\"name\": \"" + name.toUpperCase() + "\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("code").asInt()).isEqualTo(409);
        assertThat(json(again).get("message").asText()).contains("already exists");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aSkuTakenIsAConflict() {
        String sku = "SKU-" + UUID.randomUUID();
        assertThat(admin().post("/products", "{\"name\": \"" + unique("Kiwi") + "\", \"sku\": \"" + sku + "\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> again = admin().post("/products", "{\"name\": \"" + unique("Kiwi") + "\", \"sku\": \"" + sku + "\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("message").asText()).contains("SKU");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\": ",                                  // malformed
            "{name: \"x\"}",                                // not JSON
            "{\"name\": \"a\"} trailing",                   // trailing tokens
            "",                                             // no body
            "null",
            "[]",
            "\"a product\"",
            "{}",                                           // missing name
            "{\"name\": null}",
            "{\"name\": 42}",                               // no coercion of a number into a string
            "{\"name\": 4.2}",
            "{\"name\": true}",
            "{\"name\": [\"a\"]}",
            "{\"name\": {\"a\": 1}}",
            "{\"name\": \"   \"}",                          // blank
            "{\"name\": \"\"}",
            "{\"name\": \"a\", \"price\": 3}",              // unknown field
            "{\"name\": \"a\", \"sku\": \"\"}",
            "{\"name\": \"a\", \"sku\": \"has space\"}",
            "{\"name\": \"a\", \"sku\": 12345}",
            "{\"name\": \"a\", \"name\": \"b\"}"            // duplicate key
    })
    void badBodiesAre400WithTheContractShapeAndWriteNothing(String body) {
        long before = count();

        HttpResponse<String> response = admin().post("/products", body);

        assertThat(response.statusCode()).as(body).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.get("code").asInt()).isEqualTo(400);
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("at com.");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void namesAndSkusOverTheLimitAre400() {
        assertThat(admin().post("/products", "{\"name\": \"" + "n".repeat(201) + "\"}").statusCode()).isEqualTo(400);
        assertThat(admin().post("/products", "{\"name\": \"" + unique("x") + "\", \"sku\": \"" + "s".repeat(65) + "\"}").statusCode()).isEqualTo(400);
        String longest = "n".repeat(164) + UUID.randomUUID();
        assertThat(admin().post("/products", "{\"name\": \"" + longest + "\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void errorsNameTheField() {
        assertThat(json(admin().post("/products", "{\"name\": 42}")).get("message").asText()).contains("'name'").contains("string");
        assertThat(json(admin().post("/products", "{\"name\": \"a\", \"price\": 3}")).get("message").asText()).contains("'price'");
        JsonNode blank = json(admin().post("/products", "{\"name\": \" \"}"));
        assertThat(blank.get("errors").get(0).asText()).isEqualTo("name must not be blank");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        HttpResponse<String> response = admin().post("/products", "name=x", "application/x-www-form-urlencoded");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("code").asInt()).isEqualTo(415);
    }

    @ParameterizedTest
    @CsvSource({"abc, 400", "0, 400", "-1, 400", "1.5, 400", "99999999999999999999, 400", "9223372036854775807, 404"})
    void pathIdsAreChecked(String id, int status) {
        HttpResponse<String> response = admin().get("/products/" + id);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response).get("code").asInt()).isEqualTo(status);
    }

    @Test
    void unknownPathsAndMethodsAnswerInTheContractShape() {
        HttpResponse<String> missing = admin().get("/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("code").asInt()).isEqualTo(404);

        HttpResponse<String> wrongMethod = admin().send(admin().request("/products").DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).get("code").asInt()).isEqualTo(405);
    }

    private long count() {
        return DB.withHandle(h -> h.createQuery("SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM audit_logs)")
                .mapTo(Long.class).one());
    }
}
