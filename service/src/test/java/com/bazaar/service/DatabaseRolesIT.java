package com.bazaar.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.embedded.EmbeddedDatabase;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Least privilege on the embedded stack as the tests (and {@code ./bazaar up}) run it: service and worker connect as
 * an application role that owns nothing, may not change the schema, and may not update or delete audit or ledger rows
 * even where the append-only triggers are off; the migrations ran as the owner.
 */
class DatabaseRolesIT {
    static final Jdbi SUPERUSER = ServiceTestApp.database();
    static final Jdbi APPLICATION = Jdbi.create(ServiceTestApp.startStack().database().jdbcUrl(),
            EmbeddedDatabase.APPLICATION_USER, "");

    @Test
    void theSchemaBelongsToTheOwnerAndServiceAndWorkerAreNotIt() {
        List<String> owners = SUPERUSER.withHandle(h -> h.createQuery("""
                SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'""").mapTo(String.class).list());
        assertThat(owners).containsExactly(EmbeddedDatabase.OWNER);
        boolean privileged = SUPERUSER.withHandle(h -> h.createQuery("""
                SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = :name""")
                .bind("name", EmbeddedDatabase.APPLICATION_USER).mapTo(Boolean.class).one());
        assertThat(privileged).isFalse();
        String user = APPLICATION.withHandle(h -> h.createQuery("SELECT current_user").mapTo(String.class).one());
        assertThat(user).isEqualTo(EmbeddedDatabase.APPLICATION_USER);
    }

    @Test
    void theApplicationRoleIsRefusedDdl() {
        for (String ddl : List.of("CREATE TABLE intruder (id int)", "ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only",
                "DROP TRIGGER stock_movements_append_only ON stock_movements", "ALTER TABLE stock_movements ADD COLUMN x int",
                "DROP TABLE audit_chain", "SET session_replication_role = replica", "TRUNCATE inventory_levels")) {
            assertThatThrownBy(() -> APPLICATION.useHandle(h -> h.execute(ddl))).as(ddl)
                    .hasMessageContainingAll("ERROR:").satisfies(e -> assertThat(e.getMessage())
                            .containsAnyOf("permission denied", "must be owner"));
        }
    }

    /** Refused by the privileges, before any trigger: the same with the triggers off. */
    @Test
    void theApplicationRoleMayNotUpdateOrDeleteAuditOrLedgerRows() {
        SUPERUSER.useHandle(h -> h.execute("ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only"));
        try {
            for (String sql : List.of("UPDATE audit_logs SET user_id = 'mallory'", "DELETE FROM audit_logs",
                    "UPDATE stock_movements SET quantity = 1", "DELETE FROM stock_movements",
                    "UPDATE audit_logs SET user_id = 'mallory' WHERE false")) {
                assertThatThrownBy(() -> APPLICATION.useHandle(h -> h.execute(sql))).as(sql)
                        .hasMessageContaining("permission denied");
            }
        } finally {
            SUPERUSER.useHandle(h -> h.execute("ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_append_only"));
        }
    }

    @Test
    void theApplicationRoleReadsAndWritesWhatItNeeds() {
        APPLICATION.useTransaction(h -> {
            insertProduct(h);
            h.execute("""
                    INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status, actor,
                                                 source, occurred_at)
                    VALUES (gen_random_uuid(), 1, 1, 'in', 1, 1, 'applied', 'DatabaseRolesIT', 'api', now())""");
            h.createQuery("SELECT last_id FROM audit_chain FOR UPDATE").mapTo(Long.class).one();
            h.createQuery("SELECT seq FROM feed_clock FOR UPDATE").mapTo(Long.class).one();
            h.rollback();
        });
    }

    private static void insertProduct(Handle h) {
        h.execute("INSERT INTO products (name) VALUES ('DatabaseRolesIT ' || gen_random_uuid())");
    }
}
