package com.bazaar.feed;

import java.util.List;
import java.util.stream.LongStream;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The change feed (migration 008): appended to by the worker, read by the API. */
@RegisterConstructorMapper(InventoryChange.class)
public interface FeedDao {
    String COLUMNS = "seq, store_id, product_id, quantity, delta, movement_id, type, applied_at";

    /**
     * Numbers the changes in commit order and writes them: the last statement of the applying transaction, whose
     * lock on the feed clock then lasts until its commit (see migration 008). The changes' {@code seq} is ignored.
     */
    default void append(List<InventoryChange> changes) {
        long last = advance(changes.size());
        insert(LongStream.rangeClosed(last - changes.size() + 1, last).boxed().toList(), changes);
    }

    @SqlQuery("UPDATE feed_clock SET seq = seq + :count RETURNING seq")
    long advance(int count);

    @SqlBatch("INSERT INTO inventory_changes (" + COLUMNS + ") "
            + "VALUES (:seq, :c.storeId, :c.productId, :c.quantity, :c.delta, :c.movementId, :c.type, :c.appliedAt)")
    void insert(@Bind("seq") List<Long> seqs, @BindMethods("c") List<InventoryChange> changes);

    @SqlQuery("SELECT " + COLUMNS + " FROM inventory_changes WHERE seq > :after ORDER BY seq LIMIT :limit")
    List<InventoryChange> after(long after, int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM inventory_changes WHERE store_id = :storeId AND seq > :after ORDER BY seq LIMIT :limit")
    List<InventoryChange> afterInStore(long storeId, long after, int limit);
}
