package com.bazaar.service.inventory;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CSV export on the real database and server: the JSON list's rows, with skus, through the database's cursor. */
@ExtendWith(DropwizardExtensionsSupport.class)
class InventoryCsvIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();

    Api as(String user) {
        return Api.at(APP.getLocalPort()).as(user);
    }

    @Test
    void theCsvHoldsTheListsRowsWithTheirSkusInProductOrderThroughTheCursor() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        String tag = Long.toString(System.nanoTime(), 36);
        long withSku = json(as(ServiceTestApp.ADMIN).post("/products", "{\"name\": \"Café, \\\"crème\\\" " + tag
                + "\", \"sku\": \"CAFE-" + tag + "\"}")).get("productId").asLong();
        long plain = as(ServiceTestApp.ADMIN).newProduct();
        DB.useHandle(h -> {
            h.execute("INSERT INTO inventory_levels (store_id, product_id, quantity, reserved) VALUES (?, ?, 12, 2)", store, withSku);
            h.execute("INSERT INTO inventory_levels (store_id, product_id, quantity, low_stock_threshold) VALUES (?, ?, 1, 3)", store, plain);
            // more rows than one fetch of the cursor (1,000)
            h.execute("""
                    INSERT INTO products (name) SELECT 'CSV filler ' || ? || ' ' || i FROM generate_series(1, 1500) AS i""", tag);
            h.execute("""
                    INSERT INTO inventory_levels (store_id, product_id, quantity)
                    SELECT ?, id, 7 FROM products WHERE name LIKE 'CSV filler ' || ? || ' %'""", store, tag);
        });

        HttpResponse<String> csv = as(ServiceTestApp.AUDITOR).get("/stores/" + store + "/inventory", "Accept", "text/csv");
        JsonNode list = json(as(ServiceTestApp.AUDITOR).get("/stores/" + store + "/inventory")).get("inventory");

        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=utf-8");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("productId,sku,productName,currentQuantity,reservedQuantity,availableQuantity,lowStockThreshold");
        assertThat(lines).hasSize(1 + list.size()).hasSize(1 + 1502);
        assertThat(lines.get(1)).isEqualTo(withSku + ",CAFE-" + tag + ",\"Café, \"\"crème\"\" " + tag + "\",12,2,10,");
        assertThat(lines.get(2)).endsWith(",1,0,1,3").startsWith(plain + ",,");
        for (int i = 0; i < list.size(); i++) {
            assertThat(lines.get(1 + i)).startsWith(list.get(i).get("productId").asLong() + ",");
        }
        HttpResponse<String> low = as(ServiceTestApp.AUDITOR).get("/stores/" + store + "/inventory?lowStock=true", "Accept", "text/csv");
        assertThat(low.body().lines().toList()).hasSize(2);
        assertThat(low.body().lines().toList().get(1)).startsWith(plain + ",");
    }
}
