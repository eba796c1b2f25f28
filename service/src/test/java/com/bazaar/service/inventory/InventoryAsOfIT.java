package com.bazaar.service.inventory;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code asOf} on the store inventory and the single row, read from the change feed on the real database. The feed rows
 * are written here as the worker writes them (numbers from the feed clock, the level's version growing by one); how
 * the worker writes them is ReservationRaceIT's and the chaos run's.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InventoryAsOfIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    Api as(String user) {
        return Api.at(APP.getLocalPort()).as(user);
    }

    /** A change to a level: the feed row the worker writes, and the level as it stands after it. */
    static void change(long store, long product, long quantity, long reserved, long version, Instant appliedAt) {
        DB.useHandle(h -> {
            long seq = h.createQuery("UPDATE feed_clock SET seq = seq + 1 RETURNING seq").mapTo(Long.class).one();
            h.createUpdate("""
                    INSERT INTO inventory_changes (seq, store_id, product_id, quantity, reserved, delta, reserved_delta,
                                                   version, movement_id, type, applied_at)
                    VALUES (:seq, :store, :product, :quantity, :reserved, 0, 0, :version, :movement, 'manual', :appliedAt)""")
                    .bind("seq", seq).bind("store", store).bind("product", product).bind("quantity", quantity)
                    .bind("reserved", reserved).bind("version", version).bind("movement", UUID.randomUUID())
                    .bind("appliedAt", appliedAt).execute();
            h.createUpdate("""
                    INSERT INTO inventory_levels (store_id, product_id, quantity, reserved, version)
                    VALUES (:store, :product, :quantity, :reserved, :version)
                    ON CONFLICT (store_id, product_id) DO UPDATE SET quantity = :quantity, reserved = :reserved, version = :version""")
                    .bind("store", store).bind("product", product).bind("quantity", quantity).bind("reserved", reserved)
                    .bind("version", version).execute();
        });
    }

    JsonNode inventory(long store, String asOf) {
        return json(as(ServiceTestApp.AUDITOR).get("/stores/" + store + "/inventory?asOf=" + asOf)).get("inventory");
    }

    JsonNode item(long store, long product, String asOf) {
        return json(as(ServiceTestApp.CLERK).get("/stores/" + store + "/inventory/" + product + "?asOf=" + asOf));
    }

    @Test
    void eachRowIsItsLastChangeAppliedAtOrBeforeTheInstantAndAProductWithNoneByThenIsAbsentOrZero() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long early = as(ServiceTestApp.ADMIN).newProduct();
        long late = as(ServiceTestApp.ADMIN).newProduct();
        change(store, early, 10, 0, 1, T0);
        change(store, early, 7, 2, 2, T0.plusSeconds(60));
        change(store, late, 5, 0, 1, T0.plusSeconds(120));
        // one batch, two changes of one level: the same apply time, told apart by version
        change(store, early, 4, 2, 3, T0.plusSeconds(180));
        change(store, early, 1, 0, 4, T0.plusSeconds(180));

        assertThat(inventory(store, "2026-01-05T08:59:59Z")).isEmpty();
        assertThat(item(store, early, "2026-01-05T08:59:59Z").get("currentQuantity").asLong()).isZero();
        JsonNode atT0 = inventory(store, "2026-01-05T09:00:00Z");
        assertThat(atT0).hasSize(1);
        assertThat(atT0.get(0).get("productId").asLong()).isEqualTo(early);
        assertThat(atT0.get(0).get("currentQuantity").asLong()).isEqualTo(10);
        JsonNode atOneMinute = item(store, early, "2026-01-05T10:01:30%2B01:00");
        assertThat(atOneMinute.get("currentQuantity").asLong()).isEqualTo(7);
        assertThat(atOneMinute.get("reservedQuantity").asLong()).isEqualTo(2);
        assertThat(atOneMinute.get("availableQuantity").asLong()).isEqualTo(5);
        JsonNode atTwoMinutes = inventory(store, "2026-01-05T09:02:00Z");
        assertThat(atTwoMinutes).hasSize(2);
        assertThat(atTwoMinutes.get(1).get("currentQuantity").asLong()).isEqualTo(5);
        assertThat(item(store, late, "2026-01-05T09:01:59.999Z").get("currentQuantity").asLong()).isZero();
        assertThat(item(store, early, "2026-01-05T09:03:00Z").get("currentQuantity").asLong())
                .as("the later of a batch's two changes").isEqualTo(1);
        assertThat(inventory(store, Instant.now().toString()).get(0).get("currentQuantity").asLong())
                .as("now reads what the levels hold").isEqualTo(json(as(ServiceTestApp.CLERK)
                        .get("/stores/" + store + "/inventory/" + early)).get("currentQuantity").asLong());
    }

    @Test
    void lowStockAsOfComparesTheQuantityThenWithTodaysThreshold() {
        long store = as(ServiceTestApp.ADMIN).newStore();
        long product = as(ServiceTestApp.ADMIN).newProduct();
        change(store, product, 3, 0, 1, T0);
        change(store, product, 30, 0, 2, T0.plusSeconds(60));
        DB.useHandle(h -> h.execute("UPDATE inventory_levels SET low_stock_threshold = 5 WHERE store_id = ? AND product_id = ?",
                store, product));

        JsonNode then = json(as(ServiceTestApp.CLERK).get("/stores/" + store + "/inventory?lowStock=true&asOf=2026-01-05T09:00:30Z"))
                .get("inventory");
        JsonNode later = json(as(ServiceTestApp.CLERK).get("/stores/" + store + "/inventory?lowStock=true&asOf=2026-01-05T09:01:30Z"))
                .get("inventory");

        assertThat(then).hasSize(1);
        assertThat(then.get(0).get("lowStock").asBoolean()).isTrue();
        assertThat(then.get(0).get("lowStockThreshold").asInt()).isEqualTo(5);
        assertThat(later).isEmpty();
    }

    @Test
    void theListIsOneIndexSeekPerLevelWhateverTheInstant() {
        String plan = DB.withHandle(h -> String.join("\n", h.createQuery("EXPLAIN " + com.bazaar.inventory.InventoryDao.AS_OF
                        .replace(":asOf", "'2026-01-05T09:00:00Z'::timestamptz").replace(":storeId", "1"))
                .mapTo(String.class).list()));

        assertThat(plan).contains("inventory_changes_level_time_idx").doesNotContain("Seq Scan on inventory_changes");
    }
}
