package com.bazaar.service.audit;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditChain;
import com.bazaar.audit.AuditDao;
import com.bazaar.audit.AuditEntry;
import com.bazaar.audit.ChainVerification;
import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit log's hash chain on the real database: what the service and the DAO write verifies, through the API too;
 * a row changed, removed or inserted behind the application's back (a superuser session with the triggers switched
 * off) is found at its id. Each forgery is made in a transaction that is rolled back after verifying inside it, so the
 * shared database keeps a valid chain for every other test.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditChainIT {
    /** The superuser, as the tests' direct access always is. */
    static final Jdbi DB = ServiceTestApp.database().installPlugin(new SqlObjectPlugin()).installPlugin(new Jackson2Plugin());
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();

    Api as(String user) {
        return Api.at(APP.getLocalPort()).as(user);
    }

    @Test
    void concurrentWritersLeaveAValidChainAndTheApiVerifiesIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> created = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                created.add(pool.submit(() -> as(ServiceTestApp.ADMIN)
                        .post("/products", "{\"name\": \"Chained " + UUID.randomUUID() + "\"}").statusCode()));
            }
            for (Future<Integer> status : created) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }

        HttpResponse<String> response = as(ServiceTestApp.AUDITOR).get("/audit-logs/verify");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode verification = json(response);
        assertThat(verification.get("valid").asBoolean()).as(response.body()).isTrue();
        assertThat(verification.get("firstInvalidId").isNull()).isTrue();
        assertThat(verification.get("rows").asLong()).isGreaterThanOrEqualTo(80);
        // The head is the chain's last row, the highest id; the API lists by timestamp (a transaction's start), which
        // concurrent writers reach in another order than the chain's lock.
        String last = DB.withHandle(h -> h.createQuery("SELECT hash FROM audit_logs ORDER BY id DESC LIMIT 1").mapTo(String.class).one());
        assertThat(verification.get("head").asText()).isEqualTo(last);
        assertThat(as(ServiceTestApp.ADMIN).get("/audit-logs/verify").statusCode()).isEqualTo(200);
        assertThat(as(ServiceTestApp.CLERK).get("/audit-logs/verify").statusCode()).isEqualTo(403);
    }

    @Test
    void idsFollowTheHeadWithoutGapsAndHashesLinkThem() {
        long before = head();
        DB.useTransaction(h -> h.attach(AuditDao.class).record(List.of(entry("a"), entry("b"))));
        List<Long> ids = DB.withHandle(h -> h.createQuery("SELECT id FROM audit_logs WHERE id > :before ORDER BY id")
                .bind("before", before).mapTo(Long.class).list());
        assertThat(ids).startsWith(before + 1, before + 2);
        DB.useTransaction(h -> {
            h.attach(AuditDao.class).record(List.of(entry("rolled back")));
            h.rollback();
        });
        DB.useTransaction(h -> h.attach(AuditDao.class).record(List.of(entry("c"))));
        long written = DB.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_logs WHERE id > :before")
                .bind("before", before).mapTo(Long.class).one());
        assertThat(written).as("a rolled back write leaves no gap").isEqualTo(head() - before);
        assertThat(verifiedInside(h -> { })).extracting(ChainVerification::valid).isEqualTo(true);
    }

    @Test
    void aRowChangedBehindTheApplicationsBackIsFoundAtItsId() {
        long id = recordOne();
        ChainVerification found = verifiedInside(h -> {
            triggersOff(h);
            h.execute("UPDATE audit_logs SET user_id = 'mallory' WHERE id = ?", id);
        });
        assertThat(found.valid()).isFalse();
        assertThat(found.firstInvalidId()).isEqualTo(id);
    }

    @Test
    void aRemovedRowIsFoundAtTheRowAfterIt() {
        long id = recordOne();
        recordOne();
        ChainVerification found = verifiedInside(h -> {
            triggersOff(h);
            h.execute("DELETE FROM audit_logs WHERE id = ?", id);
        });
        assertThat(found.valid()).isFalse();
        assertThat(found.firstInvalidId()).isEqualTo(id + 1);
    }

    @Test
    void aRowInsertedOutOfBandIsFoundAtItsId() {
        long head = recordOne();
        ChainVerification found = verifiedInside(h -> h.execute("""
                INSERT INTO audit_logs (id, user_id, action_type, entity_type, entity_id, details, hash)
                VALUES (?, 'mallory', 'PRODUCT_CREATED', 'product', '1', '{}', ?)""", head + 1, "0".repeat(64)));
        assertThat(found.valid()).isFalse();
        assertThat(found.firstInvalidId()).isEqualTo(head + 1);
    }

    @Test
    void theSuperuserIsRefusedUpdatesDeletesAndTruncatesOfAuditAndLedgerRows() {
        recordOne();
        for (String sql : List.of("UPDATE audit_logs SET user_id = 'mallory' WHERE id = (SELECT max(id) FROM audit_logs)",
                "DELETE FROM audit_logs WHERE id = (SELECT max(id) FROM audit_logs)", "TRUNCATE audit_logs",
                "UPDATE stock_movements SET quantity = 1", "DELETE FROM stock_movements", "TRUNCATE stock_movements")) {
            assertThatThrownBy(() -> DB.useTransaction(h -> {
                insertMovement(h);
                h.execute(sql);
            })).as(sql).hasMessageContaining("is append-only");
        }
    }

    /** Migration 010's SQL chains the rows that existed before it exactly as AuditChain does. */
    @Test
    void theMigrationChainsExistingRowsAsTheApplicationDoes() throws IOException {
        String chainExisting = migrationLoop();
        ChainVerification found = verifiedInside(h -> {
            triggersOff(h);
            h.execute("DELETE FROM audit_logs");
            h.execute("DELETE FROM audit_chain");
            h.execute("""
                    INSERT INTO audit_logs (id, timestamp, user_id, action_type, entity_type, entity_id, details, hash)
                    VALUES (3, '2026-01-02 03:04:05.678901+00', 'zoë', 'PRODUCT_CREATED', 'product', '1',
                            '{"name": "Ünïcode \\"quoted\\"", "id": 1, "nested": {"b": [1, 2.50, null, true]}}', ''),
                           (7, '2026-01-02 03:04:06+00', 'admin', 'MOVEMENT_APPLIED', 'stock_movement', 'x', '{}', ''),
                           (8, '2026-01-02 03:04:06.5+00', 'admin', 'STORE_CREATED', 'store', '2', '{"a":1,"b":"\\n"}', '')""");
            try (var statement = h.getConnection().createStatement()) {
                statement.execute(chainExisting); // plain JDBC: the block's colons are not Jdbi parameters
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(found).isEqualTo(new ChainVerification(3, true, null, found.head()));
        assertThat(found.head()).isNotEqualTo(AuditChain.GENESIS);
    }

    static String migrationLoop() throws IOException {
        // The changeset's first DO block: the loop that chains the rows already there and records the head.
        try (InputStream in = AuditChainIT.class.getResourceAsStream("/db/changelog/010-append-only-audit.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = sql.indexOf("DO $$");
            return sql.substring(start, sql.indexOf("$$;", start) + 3);
        }
    }

    static AuditEntry entry(String name) {
        return new AuditEntry("AuditChainIT", AuditAction.PRODUCT_CREATED, "1", Map.of("name", name));
    }

    /** @return the id of the row written */
    static long recordOne() {
        DB.useTransaction(h -> h.attach(AuditDao.class).record(List.of(entry(UUID.randomUUID().toString()))));
        return head();
    }

    static long head() {
        return DB.withHandle(h -> h.createQuery("SELECT last_id FROM audit_chain").mapTo(Long.class).one());
    }

    /** What the service's verification finds after {@code forgery}, in the forger's transaction, rolled back after. */
    static ChainVerification verifiedInside(Consumer<Handle> forgery) {
        return DB.inTransaction(h -> {
            forgery.accept(h);
            ChainVerification found = h.attach(AuditDao.class).verifyChain();
            h.rollback();
            return found;
        });
    }

    /** What a superuser can do deliberately: ordinary triggers do not fire in this transaction. */
    static void triggersOff(Handle h) {
        h.execute("SET LOCAL session_replication_role = replica");
    }

    static void insertMovement(Handle h) {
        h.execute("""
                INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status, actor,
                                             source, occurred_at)
                VALUES (gen_random_uuid(), 1, 1, 'in', 1, 1, 'applied', 'AuditChainIT', 'api', now())""");
    }
}
