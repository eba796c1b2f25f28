package com.bazaar.inventory;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditDao;
import com.bazaar.audit.AuditEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The per-store inventory levels: locked and updated by the worker, read by the API. */
@RegisterConstructorMapper(InventoryLevel.class)
@RegisterRowMapper(InventoryItem.Mapper.class)
public interface InventoryDao {
    /**
     * Locks the levels of these (store, product) pairs for the rest of the transaction, creating missing ones
     * at zero, and returns them. The rows are taken in (store, product) order, so two transactions locking
     * overlapping sets wait for each other instead of deadlocking. Every store and product must exist.
     */
    @SqlQuery("""
            INSERT INTO inventory_levels (store_id, product_id, quantity)
            SELECT store_id, product_id, 0
            FROM unnest(CAST(:storeIds AS bigint[]), CAST(:productIds AS bigint[])) AS k (store_id, product_id)
            ORDER BY store_id, product_id
            ON CONFLICT (store_id, product_id) DO UPDATE SET quantity = inventory_levels.quantity
            RETURNING store_id, product_id, quantity, reserved, version, low_stock_threshold
            """)
    List<InventoryLevel> lock(long[] storeIds, long[] productIds);

    /** Sets the quantities, reserved quantities and versions of levels the caller has locked, in one statement. */
    default void update(List<InventoryLevel> levels) {
        update(levels.stream().mapToLong(InventoryLevel::storeId).toArray(),
                levels.stream().mapToLong(InventoryLevel::productId).toArray(),
                levels.stream().mapToLong(InventoryLevel::quantity).toArray(),
                levels.stream().mapToLong(InventoryLevel::reserved).toArray(),
                levels.stream().mapToLong(InventoryLevel::version).toArray());
    }

    @SqlUpdate("""
            UPDATE inventory_levels l SET quantity = v.quantity, reserved = v.reserved, version = v.version,
                                          updated_at = now()
            FROM unnest(CAST(:storeIds AS bigint[]), CAST(:productIds AS bigint[]), CAST(:quantities AS bigint[]),
                        CAST(:reserved AS bigint[]), CAST(:versions AS bigint[]))
                 AS v (store_id, product_id, quantity, reserved, version)
            WHERE l.store_id = v.store_id AND l.product_id = v.product_id
            """)
    void update(long[] storeIds, long[] productIds, long[] quantities, long[] reserved, long[] versions);

    String ITEM = """
            SELECT l.product_id, p.name AS product_name, l.quantity AS current_quantity, l.low_stock_threshold,
                   COALESCE(l.quantity <= l.low_stock_threshold, false) AS low_stock, l.reserved
            FROM inventory_levels l JOIN products p ON p.id = l.product_id
            """;

    @SqlQuery(ITEM + "WHERE l.store_id = :storeId ORDER BY l.product_id")
    List<InventoryItem> findByStore(long storeId);

    /** Only the low levels, read through the partial index that holds exactly them. */
    @SqlQuery(ITEM + "WHERE l.store_id = :storeId AND l.quantity <= l.low_stock_threshold ORDER BY l.product_id")
    List<InventoryItem> findLowByStore(long storeId);

    /**
     * Each level's last change applied at or before {@code asOf} (one index seek per level, whatever the instant);
     * a level with none by then is left out. The threshold is today's.
     */
    String AS_OF = """
            SELECT l.product_id, p.name AS product_name, c.quantity AS current_quantity, l.low_stock_threshold,
                   COALESCE(c.quantity <= l.low_stock_threshold, false) AS low_stock, c.reserved
            FROM inventory_levels l JOIN products p ON p.id = l.product_id
            CROSS JOIN LATERAL (SELECT c.quantity, c.reserved FROM inventory_changes c
                                WHERE c.store_id = l.store_id AND c.product_id = l.product_id AND c.applied_at <= :asOf
                                ORDER BY c.applied_at DESC, c.version DESC LIMIT 1) c
            WHERE l.store_id = :storeId
            """;

    @SqlQuery(AS_OF + "ORDER BY l.product_id")
    List<InventoryItem> findByStoreAsOf(long storeId, Instant asOf);

    @SqlQuery(AS_OF + "AND c.quantity <= l.low_stock_threshold ORDER BY l.product_id")
    List<InventoryItem> findLowByStoreAsOf(long storeId, Instant asOf);

    /** As {@link #findItem} as of an instant: quantity 0 if the level had no change by then; today's threshold. */
    @SqlQuery("""
            SELECT p.id AS product_id, p.name AS product_name, COALESCE(c.quantity, 0) AS current_quantity,
                   l.low_stock_threshold, COALESCE(COALESCE(c.quantity, 0) <= l.low_stock_threshold, false) AS low_stock,
                   COALESCE(c.reserved, 0) AS reserved
            FROM products p
            LEFT JOIN inventory_levels l ON l.product_id = p.id AND l.store_id = :storeId
            LEFT JOIN LATERAL (SELECT c.quantity, c.reserved FROM inventory_changes c
                               WHERE c.store_id = :storeId AND c.product_id = p.id AND c.applied_at <= :asOf
                               ORDER BY c.applied_at DESC, c.version DESC LIMIT 1) c ON true
            WHERE p.id = :productId
            """)
    Optional<InventoryItem> findItemAsOf(long storeId, long productId, Instant asOf);

    /**
     * A store's rows for the CSV export, in product order, through a server-side cursor (a fetch size inside a
     * transaction), so the service's memory does not grow with the store: as the list reads them, or as of an instant.
     */
    @Transaction(value = TransactionIsolationLevel.REPEATABLE_READ, readOnly = true)
    default void export(long storeId, boolean lowOnly, Instant asOf, Consumer<InventoryExportRow> each) {
        try (Stream<InventoryExportRow> rows = asOf == null ? exportRows(storeId, lowOnly) : exportRowsAsOf(storeId, lowOnly, asOf)) {
            rows.forEach(each);
        }
    }

    @SqlQuery("""
            SELECT l.product_id, p.sku, p.name, l.quantity, l.reserved, l.low_stock_threshold
            FROM inventory_levels l JOIN products p ON p.id = l.product_id
            WHERE l.store_id = :storeId AND (NOT :lowOnly OR l.quantity <= l.low_stock_threshold)
            ORDER BY l.product_id
            """)
    @FetchSize(1000)
    @RegisterRowMapper(InventoryExportRow.Mapper.class)
    Stream<InventoryExportRow> exportRows(long storeId, boolean lowOnly);

    @SqlQuery("""
            SELECT l.product_id, p.sku, p.name, c.quantity, c.reserved, l.low_stock_threshold
            FROM inventory_levels l JOIN products p ON p.id = l.product_id
            CROSS JOIN LATERAL (SELECT c.quantity, c.reserved FROM inventory_changes c
                                WHERE c.store_id = l.store_id AND c.product_id = l.product_id AND c.applied_at <= :asOf
                                ORDER BY c.applied_at DESC, c.version DESC LIMIT 1) c
            WHERE l.store_id = :storeId AND (NOT :lowOnly OR c.quantity <= l.low_stock_threshold)
            ORDER BY l.product_id
            """)
    @FetchSize(1000)
    @RegisterRowMapper(InventoryExportRow.Mapper.class)
    Stream<InventoryExportRow> exportRowsAsOf(long storeId, boolean lowOnly, Instant asOf);

    /** Empty if the product does not exist; quantity 0 and no threshold if the store has never had it. */
    @SqlQuery("""
            SELECT p.id AS product_id, p.name AS product_name, COALESCE(l.quantity, 0) AS current_quantity,
                   l.low_stock_threshold, COALESCE(l.quantity <= l.low_stock_threshold, false) AS low_stock,
                   COALESCE(l.reserved, 0) AS reserved
            FROM products p
            LEFT JOIN inventory_levels l ON l.product_id = p.id AND l.store_id = :storeId
            WHERE p.id = :productId
            """)
    Optional<InventoryItem> findItem(long storeId, long productId);

    @CreateSqlObject
    AuditDao audit();

    /**
     * Sets (or with null, clears) a level's threshold, creating the level at zero if needed, and writes its
     * LOW_STOCK_THRESHOLD_SET audit row (the threshold before and after) in one transaction. The level is locked
     * first, as the worker locks it, so the "before" is the one this change replaced.
     */
    @Transaction
    default void setThreshold(long storeId, long productId, Integer threshold, String userId) {
        Integer before = lock(new long[] {storeId}, new long[] {productId}).get(0).lowStockThreshold();
        writeThreshold(storeId, productId, threshold);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("storeId", storeId);
        details.put("productId", productId);
        details.put("before", before);
        details.put("after", threshold);
        audit().record(List.of(new AuditEntry(userId, AuditAction.LOW_STOCK_THRESHOLD_SET, storeId + ":" + productId,
                details)));
    }

    @SqlUpdate("UPDATE inventory_levels SET low_stock_threshold = :threshold WHERE store_id = :storeId AND product_id = :productId")
    void writeThreshold(long storeId, long productId, Integer threshold);

    @SqlQuery("SELECT COALESCE(sum(quantity), 0) FROM inventory_levels WHERE product_id = :productId")
    long totalQuantity(long productId);
}
