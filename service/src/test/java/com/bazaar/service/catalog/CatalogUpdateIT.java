package com.bazaar.service.catalog;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PATCH of products and stores: ETags, 304, 412, 409, 400, 404, audit rows, names that follow, the cache. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CatalogUpdateIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();

    Api admin() {
        return Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }

    long newProduct(String name, String sku) {
        return json(admin().post("/products", "{\"name\": \"" + name + "\", \"sku\": \"" + sku + "\"}")).get("productId").asLong();
    }

    long newStore(String name) {
        return json(admin().post("/stores", "{\"name\": \"" + name + "\", \"location\": \"1 Main St\"}")).at("/store/id").asLong();
    }

    static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + response.headers()));
    }

    List<String> audit(String entityType, long id, String action) {
        return DB.withHandle(h -> h.createQuery("""
                        SELECT user_id || '|' || CAST(details AS text) FROM audit_logs
                        WHERE entity_type = :type AND entity_id = :id AND action_type = :action ORDER BY id""")
                .bind("type", entityType).bind("id", String.valueOf(id)).bind("action", action).mapTo(String.class).list());
    }

    String productName(long id) {
        return DB.withHandle(h -> h.createQuery("SELECT name FROM products WHERE id = :id").bind("id", id).mapTo(String.class).one());
    }

    @Test
    void aProductGetsAStrongETagAnd304WhileItHolds() {
        long id = newProduct(unique("Oat milk"), "OAT-" + UUID.randomUUID());

        HttpResponse<String> read = admin().get("/products/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(etag(read)).matches("\"\\d+\"");
        assertThat(read.headers().allValues("Cache-Control")).containsExactly("private, no-cache");
        assertThat(json(read).has("version")).as("the version is the ETag, not a field").isFalse();

        HttpResponse<String> again = admin().get("/products/" + id, "If-None-Match", etag(read));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(etag(again)).isEqualTo(etag(read));
        assertThat(again.headers().allValues("Cache-Control")).containsExactly("private, no-cache");
        assertThat(admin().get("/products/" + id, "If-None-Match", "W/" + etag(read)).statusCode()).isEqualTo(304);
        assertThat(admin().get("/products/" + id, "If-None-Match", "*").statusCode()).isEqualTo(304);
        assertThat(admin().get("/products/" + id, "If-None-Match", "\"999\"").statusCode()).isEqualTo(200);
    }

    @Test
    void aPatchWithTheCurrentETagChangesTheProductWritesItsAuditRowAndMovesTheETag() {
        String name = unique("Oat milk");
        String sku = "OAT-" + UUID.randomUUID();
        long id = newProduct(name, sku);
        String before = etag(admin().get("/products/" + id));

        HttpResponse<String> patched = admin().patch("/products/" + id, "{\"name\": \"  " + name + " 2L \"}", "If-Match", before);

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json(patched).get("name").asText()).isEqualTo(name + " 2L");
        assertThat(json(patched).get("sku").asText()).isEqualTo(sku);
        assertThat(etag(patched)).isNotEqualTo(before);
        assertThat(Instant.parse(json(patched).get("updatedAt").asText()))
                .isAfter(Instant.parse(json(patched).get("createdAt").asText()));
        HttpResponse<String> read = admin().get("/products/" + id, "If-None-Match", before);
        assertThat(read.statusCode()).as("the old ETag no longer matches").isEqualTo(200);
        assertThat(json(read)).isEqualTo(json(patched));
        assertThat(etag(read)).isEqualTo(etag(patched));

        assertThat(audit("product", id, "PRODUCT_UPDATED")).singleElement().satisfies(row -> {
            assertThat(row).startsWith(ServiceTestApp.ADMIN + "|");
            JsonNode details = readJson(row.substring(row.indexOf('|') + 1));
            assertThat(details.at("/before/name").asText()).isEqualTo(name);
            assertThat(details.at("/after/name").asText()).isEqualTo(name + " 2L");
            assertThat(details.at("/before/sku").asText()).isEqualTo(sku);
            assertThat(details.at("/after/sku").asText()).isEqualTo(sku);
        });

        HttpResponse<String> cleared = admin().patch("/products/" + id, "{\"sku\": null}");
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(json(cleared).get("sku").isNull()).isTrue();
        assertThat(json(admin().get("/products/" + id)).get("sku").isNull()).isTrue();
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        String name = unique("Rye bread");
        long id = newProduct(name, "RYE-" + UUID.randomUUID());
        String first = etag(admin().get("/products/" + id));
        assertThat(admin().patch("/products/" + id, "{\"name\": \"" + name + " (sliced)\"}", "If-Match", first).statusCode()).isEqualTo(200);
        String current = etag(admin().get("/products/" + id));

        HttpResponse<String> stale = admin().patch("/products/" + id, "{\"name\": \"" + name + " (whole)\"}", "If-Match", first);

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(stale).get("code").asInt()).isEqualTo(412);
        assertThat(json(stale).get("message").asText()).contains("If-Match");
        assertThat(etag(stale)).as("the answer says what is current").isEqualTo(current);
        assertThat(productName(id)).isEqualTo(name + " (sliced)");
        assertThat(audit("product", id, "PRODUCT_UPDATED")).hasSize(1);
        assertThat(admin().patch("/products/" + id, "{\"name\": \"x\"}", "If-Match", "W/" + current).statusCode())
                .as("If-Match compares strongly").isEqualTo(412);
    }

    @Test
    void theSameValuesChangeNothing() {
        String name = unique("Tea");
        long id = newProduct(name, "TEA-" + UUID.randomUUID());
        String before = etag(admin().get("/products/" + id));

        HttpResponse<String> same = admin().patch("/products/" + id, "{\"name\": \"" + name + "\"}");

        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(etag(same)).isEqualTo(before);
        assertThat(audit("product", id, "PRODUCT_UPDATED")).isEmpty();
    }

    @Test
    void aNameOrSkuTakenByAnotherIs409AndItsOwnNameInAnotherCaseIsNot() {
        String taken = unique("Apple");
        String takenSku = "APL-" + UUID.randomUUID();
        newProduct(taken, takenSku);
        String name = unique("Pear");
        long id = newProduct(name, "PR-" + UUID.randomUUID());

        HttpResponse<String> nameTaken = admin().patch("/products/" + id, "{\"name\": \"" + taken.toUpperCase() + "\"}");
        assertThat(nameTaken.statusCode()).isEqualTo(409);
        assertThat(json(nameTaken).get("message").asText()).isEqualTo("A product named '" + taken.toUpperCase() + "' already exists");
        HttpResponse<String> skuTaken = admin().patch("/products/" + id, "{\"sku\": \"" + takenSku + "\"}");
        assertThat(skuTaken.statusCode()).isEqualTo(409);
        assertThat(json(skuTaken).get("message").asText()).contains("SKU");
        assertThat(productName(id)).isEqualTo(name);
        assertThat(audit("product", id, "PRODUCT_UPDATED")).isEmpty();

        assertThat(admin().patch("/products/" + id, "{\"name\": \"" + name.toUpperCase() + "\"}").statusCode()).isEqualTo(200);
        assertThat(productName(id)).isEqualTo(name.toUpperCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"price\": 3}", "{\"name\": 42}", "{\"name\": null}", "{\"name\": \"  \"}",
            "{\"sku\": \"has space\"}", "{\"sku\": \"\"}", "{\"sku\": 5}", "[]", "null", "{\"name\": \"a\", \"name\": \"b\"}",
            "{\"version\": 2}"})
    void badBodiesAre400WithTheContractShapeAndChangeNothing(String body) {
        String name = unique("Plum");
        long id = newProduct(name, "PLM-" + UUID.randomUUID());
        String before = etag(admin().get("/products/" + id));

        HttpResponse<String> response = admin().patch("/products/" + id, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("code").asInt()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).isNotBlank();
        assertThat(etag(admin().get("/products/" + id))).isEqualTo(before);
    }

    @Test
    void unknownIdsAre404AndOnlyAnAdminPatches() {
        assertThat(admin().patch("/products/999999999", "{\"name\": \"x\"}").statusCode()).isEqualTo(404);
        assertThat(json(admin().patch("/stores/999999999", "{\"name\": \"x\"}")).get("message").asText())
                .isEqualTo("Store 999999999 not found");
        long id = newProduct(unique("Fig"), "FIG-" + UUID.randomUUID());
        assertThat(Api.at(APP.getLocalPort()).as(ServiceTestApp.CLERK).patch("/products/" + id, "{\"name\": \"x\"}").statusCode())
                .isEqualTo(403);
        assertThat(Api.at(APP.getLocalPort()).as(ServiceTestApp.AUDITOR).patch("/stores/1", "{\"name\": \"x\"}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aStoreFollowsTheSameRules() {
        String name = unique("Downtown");
        long id = newStore(name);
        String other = unique("Uptown");
        newStore(other);
        HttpResponse<String> read = admin().get("/stores/" + id);
        assertThat(admin().get("/stores/" + id, "If-None-Match", etag(read)).statusCode()).isEqualTo(304);

        assertThat(admin().patch("/stores/" + id, "{\"name\": \"" + other.toLowerCase() + "\"}").statusCode()).isEqualTo(409);
        assertThat(admin().patch("/stores/" + id, "{}").statusCode()).isEqualTo(400);
        assertThat(admin().patch("/stores/" + id, "{\"location\": 1}").statusCode()).isEqualTo(400);
        HttpResponse<String> moved = admin().patch("/stores/" + id, "{\"location\": null, \"name\": \"" + name + " East\"}",
                "If-Match", etag(read));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(json(moved).get("location").isNull()).isTrue();
        assertThat(admin().patch("/stores/" + id, "{\"name\": \"x\"}", "If-Match", etag(read)).statusCode()).isEqualTo(412);
        assertThat(json(admin().get("/stores/" + id)).get("name").asText()).isEqualTo(name + " East");

        assertThat(audit("store", id, "STORE_UPDATED")).singleElement().satisfies(row -> {
            JsonNode details = readJson(row.substring(row.indexOf('|') + 1));
            assertThat(details.at("/before/name").asText()).isEqualTo(name);
            assertThat(details.at("/before/location").asText()).isEqualTo("1 Main St");
            assertThat(details.at("/after/name").asText()).isEqualTo(name + " East");
            assertThat(details.at("/after/location").isNull()).isTrue();
        });
        assertThat(json(admin().get("/audit-logs?actionType=STORE_UPDATED&entityId=" + id)).at("/auditLogs/0/details/after/name").asText())
                .isEqualTo(name + " East");
    }

    @Test
    void inventoryAndMovementViewsShowTheCurrentNames() {
        long store = newStore(unique("Harbour"));
        long product = newProduct(unique("Cider"), "CDR-" + UUID.randomUUID());
        UUID movement = UUID.randomUUID();
        DB.useHandle(h -> {
            h.createUpdate("""
                    INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status, actor,
                                                 source, occurred_at, applied_at)
                    VALUES (:id, :store, :product, 'in', 4, 4, 'applied', 'seed', 'api', :at, :at)""")
                    .bind("id", movement).bind("store", store).bind("product", product).bind("at", Instant.now()).execute();
            h.createUpdate("INSERT INTO inventory_levels (store_id, product_id, quantity) VALUES (:store, :product, 4)")
                    .bind("store", store).bind("product", product).execute();
        });
        String storeName = unique("Harbour North");
        String productName = unique("Dry cider");

        assertThat(admin().patch("/stores/" + store, "{\"name\": \"" + storeName + "\"}").statusCode()).isEqualTo(200);
        assertThat(admin().patch("/products/" + product, "{\"name\": \"" + productName + "\"}").statusCode()).isEqualTo(200);

        assertThat(json(admin().get("/stores/" + store + "/inventory")).at("/inventory/0/productName").asText()).isEqualTo(productName);
        assertThat(json(admin().get("/stores/" + store + "/inventory/" + product)).get("productName").asText()).isEqualTo(productName);
        JsonNode view = json(admin().get("/stock-movements/" + movement));
        assertThat(view.at("/store/name").asText()).isEqualTo(storeName);
        assertThat(view.at("/product/name").asText()).isEqualTo(productName);
        JsonNode report = json(admin().get("/stock-movements?storeId=" + store));
        assertThat(report.at("/movements/0/product/name").asText()).isEqualTo(productName);
        assertThat(report.at("/movements/0/store/name").asText()).isEqualTo(storeName);
    }

    @Test
    void theCacheServesRepeatsAndALostListenerConnectionEmptiesItOnReconnect() {
        String name = unique("Honey");
        long id = newProduct(name, "HNY-" + UUID.randomUUID());
        var hits = APP.getEnvironment().metrics().meter("bazaar.service.cache.products.hits");
        admin().get("/products/" + id);
        long before = hits.getCount();
        admin().get("/products/" + id);
        assertThat(hits.getCount()).as("the second read is a hit").isEqualTo(before + 1);

        // A change the listener cannot hear of (triggers do not fire for a replication-role session): the cache
        // keeps serving the old name, which shows it is the cache answering.
        DB.useHandle(h -> {
            h.execute("SET session_replication_role = replica");
            h.createUpdate("UPDATE products SET name = :name WHERE id = :id").bind("name", name + " (raw)").bind("id", id).execute();
            h.execute("SET session_replication_role = DEFAULT");
        });
        assertThat(json(admin().get("/products/" + id)).get("name").asText()).isEqualTo(name);

        int terminated = DB.withHandle(h -> h.createQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'bazaar-catalog-listener'")
                .mapTo(Integer.class).one());
        assertThat(terminated).as("listener connections of the service instances in this JVM").isPositive();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(APP.getEnvironment().healthChecks().runHealthCheck("catalog-listener").isHealthy()).isTrue();
            assertThat(json(admin().get("/products/" + id)).get("name").asText()).isEqualTo(name + " (raw)");
        });
    }

    static JsonNode readJson(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
