package com.bazaar.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The shared test database started empty and was migrated by {@code db migrate}; it must hold the whole schema. */
class MigrationsIT {
    static final Jdbi DB = ServiceTestApp.database();

    @Test
    void createsTheWholeSchema() {
        assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
                .contains("stores", "products", "stock_movements", "inventory_levels", "audit_logs");
        assertThat(strings("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"))
                .contains("stores_name_key", "products_name_key", "stock_movements_movement_id_key",
                        "inventory_levels_pkey", "audit_logs_entity_idx");
    }

    @Test
    void movementIdsAreUniqueAndQuantitiesBounded() {
        assertThat(strings("SELECT conname FROM pg_constraint WHERE conrelid = 'stock_movements'::regclass"))
                .contains("stock_movements_movement_id_key", "stock_movements_quantity_check",
                        "stock_movements_type_check", "stock_movements_status_check");
    }

    @Test
    void migratingAgainChangesNothing() {
        int before = changesets();
        ServiceTestApp.migrate();
        assertThat(changesets()).isEqualTo(before).isPositive();
    }

    private static List<String> strings(String sql) {
        return DB.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    private static int changesets() {
        return DB.withHandle(h -> h.createQuery("SELECT count(*) FROM databasechangelog").mapTo(Integer.class).one());
    }
}
