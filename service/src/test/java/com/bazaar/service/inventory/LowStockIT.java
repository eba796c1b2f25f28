package com.bazaar.service.inventory;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Thresholds set over HTTP and the low-stock reads (the worker's side is in PipelineIT). */
@ExtendWith(DropwizardExtensionsSupport.class)
class LowStockIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();

    Api as(String user) {
        return Api.at(APP.getLocalPort()).as(user);
    }

    HttpResponse<String> put(String user, long store, long product, String body) {
        return as(user).send(as(user).request("/stores/" + store + "/inventory/" + product + "/threshold")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    void level(long store, long product, long quantity) {
        DB.useHandle(h -> h.createUpdate("UPDATE inventory_levels SET quantity = :q WHERE store_id = :s AND product_id = :p")
                .bind("q", quantity).bind("s", store).bind("p", product).execute());
    }

    @Test
    void aThresholdMarksTheRowAndTheLowStockListHoldsOnlyLowRows() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long low = as(ServiceTestApp.ADMIN).newProduct();
        long fine = as(ServiceTestApp.ADMIN).newProduct();
        long unset = as(ServiceTestApp.ADMIN).newProduct();

        HttpResponse<String> set = put(ServiceTestApp.ADMIN, store, low, "{\"lowStockThreshold\": 5}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set).get("lowStockThreshold").asInt()).isEqualTo(5);
        assertThat(json(set).get("lowStock").asBoolean()).as("a new level is 0, under 5").isTrue();
        assertThat(json(set).get("currentQuantity").asLong()).isZero();
        put(ServiceTestApp.ADMIN, store, fine, "{\"lowStockThreshold\": 5}");
        level(store, fine, 6);
        put(ServiceTestApp.ADMIN, store, unset, "{\"lowStockThreshold\": 3}");
        put(ServiceTestApp.ADMIN, store, unset, "{\"lowStockThreshold\": null}");

        var all = json(as(ServiceTestApp.CLERK).get("/stores/" + store + "/inventory")).get("inventory");
        assertThat(all).hasSize(3);
        assertThat(all.get(2).get("lowStockThreshold").isNull()).isTrue();
        assertThat(all.get(2).get("lowStock").asBoolean()).isFalse();
        var lowOnly = json(as(ServiceTestApp.AUDITOR).get("/stores/" + store + "/inventory?lowStock=true")).get("inventory");
        assertThat(lowOnly).hasSize(1);
        assertThat(lowOnly.get(0).get("productId").asLong()).isEqualTo(low);
        assertThat(json(as(ServiceTestApp.CLERK).get("/stores/" + store + "/inventory?lowStock=false")).get("inventory"))
                .hasSize(3);
        assertThat(json(as(ServiceTestApp.CLERK).get("/stores/" + store + "/inventory/" + fine)).get("lowStock").asBoolean())
                .isFalse();
    }

    @Test
    void everyThresholdChangeIsAuditedWithItsBeforeAndAfter() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();

        put(ServiceTestApp.ADMIN, store, product, "{\"lowStockThreshold\": 5}");
        put(ServiceTestApp.ADMIN, store, product, "{\"lowStockThreshold\": 8}");
        put(ServiceTestApp.ADMIN, store, product, "{\"lowStockThreshold\": null}");
        put(ServiceTestApp.ADMIN, store, product, "{\"lowStockThreshold\": -1}");
        put(ServiceTestApp.CLERK, store, product, "{\"lowStockThreshold\": 1}");

        var rows = json(as(ServiceTestApp.AUDITOR).get("/audit-logs?actionType=LOW_STOCK_THRESHOLD_SET&entityId="
                + store + ":" + product)).get("auditLogs");
        assertThat(rows).as("the refused 400 and 403 write nothing").hasSize(3);
        // newest first
        assertThat(rows.get(2).get("details").get("before").isNull()).isTrue();
        assertThat(rows.get(2).get("details").get("after").asInt()).isEqualTo(5);
        assertThat(rows.get(1).get("details").get("before").asInt()).isEqualTo(5);
        assertThat(rows.get(1).get("details").get("after").asInt()).isEqualTo(8);
        assertThat(rows.get(0).get("details").get("before").asInt()).isEqualTo(8);
        assertThat(rows.get(0).get("details").get("after").isNull()).isTrue();
        assertThat(rows.get(0).get("userId").asText()).isEqualTo(ServiceTestApp.ADMIN);
        assertThat(rows.get(0).get("entityType").asText()).isEqualTo("inventory_level");
    }

    @Test
    void theLowStockListReadsThePartialIndex() {
        String plan = DB.withHandle(h -> String.join("\n", h.createQuery("""
                EXPLAIN SELECT l.product_id FROM inventory_levels l
                WHERE l.store_id = 1 AND l.quantity <= l.low_stock_threshold ORDER BY l.product_id""")
                .mapTo(String.class).list()));

        assertThat(plan).contains("inventory_levels_low_stock_idx");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}                               | 400",
        "{\"lowStockThreshold\": -1}      | 400",
        "{\"lowStockThreshold\": 1000001} | 400",
        "{\"lowStockThreshold\": \"5\"}   | 400",
        "{\"lowStockThreshold\": 5, \"x\": 1} | 400",
        "null                             | 400",
    })
    void badThresholdBodiesAre400AndChangeNothing(String body, int status) {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();

        HttpResponse<String> response = put(ServiceTestApp.ADMIN, store, product, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("message").asText()).isNotBlank();
        assertThat(json(as(ServiceTestApp.CLERK).get("/stores/" + store + "/inventory")).get("inventory")).isEmpty();
    }

    @Test
    void onlyAnAdminSetsThresholdsOfKnownStoresAndProducts() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();

        assertThat(put(ServiceTestApp.CLERK, store, product, "{\"lowStockThreshold\": 1}").statusCode()).isEqualTo(403);
        assertThat(put(ServiceTestApp.ADMIN, 999999999, product, "{\"lowStockThreshold\": 1}").statusCode()).isEqualTo(404);
        assertThat(put(ServiceTestApp.ADMIN, store, 999999999, "{\"lowStockThreshold\": 1}").statusCode()).isEqualTo(404);
        assertThat(as(ServiceTestApp.CLERK).get("/stores/" + store + "/inventory?lowStock=yes").statusCode()).isEqualTo(400);
    }
}
