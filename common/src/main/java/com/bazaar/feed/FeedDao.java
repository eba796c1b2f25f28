package com.bazaar.feed;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The change feed (migration 008): appended to by the worker, read by the API. */
@RegisterConstructorMapper(InventoryChange.class)
public interface FeedDao {
    String COLUMNS = "seq, store_id, product_id, quantity, reserved AS reserved_quantity, quantity - reserved AS available_quantity, delta, reserved_delta, version, movement_id, type, applied_at";

    /**
     * Numbers the changes in commit order and writes them, in one statement: the last of the applying transaction,
     * whose lock on the feed clock then lasts until its commit (see migration 008). The changes' {@code seq} is
     * ignored; they are numbered in their order.
     */
    default void append(List<InventoryChange> changes) {
        appendColumns(Columns.of(changes));
    }

    @SqlUpdate("""
            WITH clock AS (UPDATE feed_clock SET seq = seq + cardinality(CAST(:storeIds AS bigint[])) RETURNING seq)
            INSERT INTO inventory_changes (seq, store_id, product_id, quantity, reserved, delta, reserved_delta, version,
                                           movement_id, type, applied_at)
            SELECT clock.seq - cardinality(CAST(:storeIds AS bigint[])) + c.position, c.store_id, c.product_id,
                   c.quantity, c.reserved, c.delta, c.reserved_delta, c.version, c.movement_id, c.type, c.applied_at
            FROM clock, unnest(CAST(:storeIds AS bigint[]), CAST(:productIds AS bigint[]), CAST(:quantities AS bigint[]),
                               CAST(:reserved AS bigint[]), CAST(:deltas AS bigint[]), CAST(:reservedDeltas AS bigint[]),
                               CAST(:versions AS bigint[]), CAST(:movementIds AS uuid[]), CAST(:types AS varchar[]),
                               CAST(:appliedAts AS timestamptz[]))
                        WITH ORDINALITY AS c (store_id, product_id, quantity, reserved, delta, reserved_delta, version,
                                              movement_id, type, applied_at, position)
            """)
    void appendColumns(@BindMethods Columns columns);

    /** Changes column by column, as {@code LedgerDao.Columns} does for the ledger. */
    record Columns(long[] storeIds, long[] productIds, long[] quantities, long[] reserved, long[] deltas,
                   long[] reservedDeltas, long[] versions, UUID[] movementIds, String[] types, String[] appliedAts) {

        static Columns of(List<InventoryChange> changes) {
            int n = changes.size();
            Columns c = new Columns(new long[n], new long[n], new long[n], new long[n], new long[n], new long[n],
                    new long[n], new UUID[n], new String[n], new String[n]);
            for (int i = 0; i < n; i++) {
                InventoryChange change = changes.get(i);
                c.storeIds[i] = change.storeId();
                c.productIds[i] = change.productId();
                c.quantities[i] = change.quantity();
                c.reserved[i] = change.reservedQuantity();
                c.deltas[i] = change.delta();
                c.reservedDeltas[i] = change.reservedDelta();
                c.versions[i] = change.version();
                c.movementIds[i] = change.movementId();
                c.types[i] = change.type().toString();
                c.appliedAts[i] = change.appliedAt().toString();
            }
            return c;
        }
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM inventory_changes WHERE seq > :after ORDER BY seq LIMIT :limit")
    List<InventoryChange> after(long after, int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM inventory_changes WHERE store_id = :storeId AND seq > :after ORDER BY seq LIMIT :limit")
    List<InventoryChange> afterInStore(long storeId, long after, int limit);
}
