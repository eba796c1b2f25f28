package com.bazaar.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One line of a store's inventory as the API shows it.
 *
 * @param currentQuantity   stock on hand
 * @param reservedQuantity  the sum of the level's active holds
 * @param availableQuantity on hand less reserved: what a sale without a hold may take (negative after a count
 *                          below what is held)
 * @param lowStockThreshold null when none is set
 * @param lowStock          at or under the threshold (the reads compute it in SQL, where the partial index
 *                          {@code inventory_levels_low_stock_idx} has the same predicate; see {@link LowStock})
 */
public record InventoryItem(long productId, String productName, long currentQuantity, long reservedQuantity,
                            long availableQuantity, Integer lowStockThreshold, boolean lowStock) {

    /**
     * Reads the columns by position, in the order of {@code InventoryDao}'s queries: a store's whole inventory is
     * thousands of rows, and Jdbi's constructor mapper (column lookups by name, reflection) took 40% of the
     * service's CPU for that request.
     */
    public static final class Mapper implements RowMapper<InventoryItem> {
        @Override
        public InventoryItem map(ResultSet rs, StatementContext ctx) throws SQLException {
            int threshold = rs.getInt(4);
            Integer lowStockThreshold = rs.wasNull() ? null : threshold;
            long onHand = rs.getLong(3);
            long reserved = rs.getLong(6);
            return new InventoryItem(rs.getLong(1), rs.getString(2), onHand, reserved, onHand - reserved, lowStockThreshold,
                    rs.getBoolean(5));
        }
    }
}
