package com.bazaar.inventory;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** One line of a store's inventory as the CSV export writes it: an {@link InventoryItem} with the product's sku. */
@JsonPropertyOrder({"productId", "sku", "productName", "currentQuantity", "reservedQuantity", "availableQuantity",
    "lowStockThreshold"})
public record InventoryExportRow(long productId, String sku, String productName, long currentQuantity, long reservedQuantity,
                                 long availableQuantity, Integer lowStockThreshold) {

    /** By position, in the order of {@code InventoryDao}'s export queries (see {@link InventoryItem.Mapper}). */
    public static final class Mapper implements RowMapper<InventoryExportRow> {
        @Override
        public InventoryExportRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            int threshold = rs.getInt(6);
            Integer lowStockThreshold = rs.wasNull() ? null : threshold;
            long onHand = rs.getLong(4);
            long reserved = rs.getLong(5);
            return new InventoryExportRow(rs.getLong(1), rs.getString(2), rs.getString(3), onHand, reserved, onHand - reserved,
                    lowStockThreshold);
        }
    }
}
