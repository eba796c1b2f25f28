package com.bazaar.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
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

    /** Each insert in a transaction that is rolled back: the ledger itself refuses what the worker never writes. */
    @Test
    void movementIdsAreUniqueAndQuantitiesTypesAndStatusesBounded() {
        UUID id = UUID.randomUUID();
        assertThat(refusal(h -> insert(h, id, "in", 1, 1, "applied"))).as("a valid row").isEqualTo("none");
        assertThat(refusal(h -> {
            insert(h, id, "in", 1, 1, "applied");
            insert(h, id, "out", 1, -1, "applied");
        })).isEqualTo("stock_movements_movement_id_key");
        assertThat(refusal(h -> insert(h, id, "in", 0, 0, "applied"))).isEqualTo("stock_movements_quantity_check");
        assertThat(refusal(h -> insert(h, id, "in", 1_000_001, 1_000_001, "applied"))).isEqualTo("stock_movements_quantity_check");
        assertThat(refusal(h -> insert(h, id, "gift", 1, -1, "applied"))).isEqualTo("stock_movements_type_check");
        assertThat(refusal(h -> insert(h, id, "in", 1, 1, "pending"))).isEqualTo("stock_movements_status_check");
    }

    @Test
    void migratingAgainChangesNothing() {
        int before = changesets();
        ServiceTestApp.migrate();
        assertThat(changesets()).isEqualTo(before).isPositive();
    }

    private static void insert(Handle h, UUID movementId, String type, int quantity, long delta, String status) {
        h.createUpdate("""
                        INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status,
                                                     actor, source, occurred_at)
                        VALUES (:id, 1, 1, :type, :quantity, :delta, :status, 'MigrationsIT', 'api', now())""")
                .bind("id", movementId).bind("type", type).bind("quantity", quantity).bind("delta", delta)
                .bind("status", status).execute();
    }

    /** The constraint that refused one of the inserts, or "none"; nothing is kept either way. */
    private static String refusal(Consumer<Handle> inserts) {
        try {
            DB.useTransaction(h -> {
                inserts.accept(h);
                h.rollback();
            });
            return "none";
        } catch (UnableToExecuteStatementException e) {
            return e.getCause() instanceof org.postgresql.util.PSQLException refused && refused.getServerErrorMessage() != null
                    ? refused.getServerErrorMessage().getConstraint() : e.toString();
        }
    }

    private static List<String> strings(String sql) {
        return DB.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    private static int changesets() {
        return DB.withHandle(h -> h.createQuery("SELECT count(*) FROM databasechangelog").mapTo(Integer.class).one());
    }
}
