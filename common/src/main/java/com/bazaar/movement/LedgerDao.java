package com.bazaar.movement;

import com.bazaar.db.WireNameEnums;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The ledger of stock movements: written by the worker, read by the API. */
@RegisterRowMapper(LedgerDao.MovementViewMapper.class)
public interface LedgerDao {
    String VIEW = """
            SELECT m.id, m.movement_id, m.store_id, m.product_id, s.name AS store_name, p.name AS product_name, m.type,
                   m.quantity, m.expected_quantity, m.delta, m.status, m.reason, m.rejection_reason, m.actor, m.source, m.request_id,
                   m.occurred_at, m.accepted_at, m.created_at, m.applied_at, m.transfer_id
            FROM stock_movements m
            LEFT JOIN stores s ON s.id = m.store_id
            LEFT JOIN products p ON p.id = m.product_id
            """;

    /** With a value for each filter the planner picks the matching report index (prepared per call). */
    String REPORT_FILTER = """
            WHERE m.status = :f.status
              AND (CAST(:f.storeId AS bigint) IS NULL OR m.store_id = :f.storeId)
              AND (CAST(:f.productId AS bigint) IS NULL OR m.product_id = :f.productId)
              AND (CAST(:f.type AS varchar) IS NULL OR m.type = :f.type)
              AND (CAST(:f.startDate AS timestamptz) IS NULL OR m.occurred_at >= :f.startDate)
              AND (CAST(:f.endDate AS timestamptz) IS NULL OR m.occurred_at <= :f.endDate)
            """;

    @SqlQuery("SELECT movement_id FROM stock_movements WHERE movement_id = ANY(:ids)")
    Set<UUID> existing(UUID[] ids);

    /** One count per entry: 1 if inserted, 0 if its movement id was already in the ledger. */
    @SqlBatch("""
            INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, expected_quantity, delta,
                                         status, reason, rejection_reason, actor, source, request_id, occurred_at,
                                         accepted_at, applied_at, transfer_id)
            VALUES (:movement.movementId, :movement.storeId, :movement.productId, :movement.type, :movement.quantity,
                    :movement.expectedQuantity, :delta, :status, :movement.reason, :rejectionReason, :movement.actor, :movement.source,
                    :movement.requestId, :movement.occurredAt, :movement.acceptedAt, :appliedAt,
                    CAST(:movement.transferId AS uuid))
            ON CONFLICT (movement_id) DO NOTHING
            """)
    int[] insert(@BindMethods List<LedgerEntry> entries);

    @SqlQuery(VIEW + "WHERE m.movement_id = :id")
    Optional<MovementView> findById(UUID id);

    /** The two legs of a transfer, transfer_out first; none while it is unknown or still on the queue. */
    @SqlQuery(VIEW + "WHERE m.transfer_id = :transferId ORDER BY m.type DESC")
    List<MovementView> transferLegs(UUID transferId);

    /** The report: newest first by occurredAt, then by ledger order. */
    @SqlQuery(VIEW + REPORT_FILTER + "ORDER BY m.occurred_at DESC, m.id DESC LIMIT :limit OFFSET :offset")
    List<MovementView> report(@BindMethods("f") MovementFilter filter, int limit, long offset);

    /**
     * The report's rows after a position in its order (keyset paging): the row comparison is an index condition
     * of the report's indexes, so a page costs the same at any depth.
     */
    @SqlQuery(VIEW + REPORT_FILTER + """
              AND (m.occurred_at, m.id) < (:occurredAt, :ledgerId)
            ORDER BY m.occurred_at DESC, m.id DESC LIMIT :limit
            """)
    List<MovementView> reportAfter(@BindMethods("f") MovementFilter filter, Instant occurredAt, long ledgerId, int limit);

    /**
     * Matching rows, counted no further than {@code cap}: an exact count over most of a big ledger is a full scan.
     * Counted in the report's order, so that the planner walks the report's index and stops at the cap instead
     * of betting on a sequential scan that finds the matches early (it misjudges correlated filters).
     */
    @SqlQuery("SELECT count(*) FROM (SELECT FROM stock_movements m " + REPORT_FILTER
            + "ORDER BY m.occurred_at DESC, m.id DESC LIMIT :cap) AS capped")
    long count(@BindMethods("f") MovementFilter filter, int cap);

    class MovementViewMapper implements RowMapper<MovementView> {
        @Override
        public MovementView map(ResultSet rs, StatementContext ctx) throws SQLException {
            long storeId = rs.getLong("store_id");
            long productId = rs.getLong("product_id");
            String storeName = rs.getString("store_name");
            String productName = rs.getString("product_name");
            return new MovementView(
                    rs.getLong("id"),
                    rs.getObject("movement_id", UUID.class),
                    storeId,
                    productId,
                    storeName == null ? null : new MovementView.Ref(storeId, storeName),
                    productName == null ? null : new MovementView.Ref(productId, productName),
                    WireNameEnums.parse(MovementType.class, rs.getString("type")),
                    rs.getInt("quantity"),
                    rs.getObject("expected_quantity", Integer.class),
                    rs.getLong("delta"),
                    WireNameEnums.parse(MovementStatus.class, rs.getString("status")),
                    rs.getString("reason"),
                    rs.getString("rejection_reason"),
                    rs.getString("actor"),
                    WireNameEnums.parse(MovementSource.class, rs.getString("source")),
                    rs.getString("request_id"),
                    instant(rs, "occurred_at"),
                    instant(rs, "accepted_at"),
                    instant(rs, "created_at"),
                    instant(rs, "applied_at"),
                    rs.getObject("transfer_id", UUID.class));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }
}
