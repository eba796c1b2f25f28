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
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The ledger of stock movements: written by the worker, read by the API. */
@RegisterRowMapper(LedgerDao.MovementViewMapper.class)
public interface LedgerDao {
    String VIEW = """
            SELECT m.id, m.movement_id, m.store_id, m.product_id, s.name AS store_name, p.name AS product_name, m.type,
                   m.quantity, m.expected_quantity, m.delta, m.status, m.reason, m.rejection_reason, m.actor, m.source, m.request_id,
                   m.occurred_at, m.accepted_at, m.created_at, m.applied_at, m.transfer_id, m.reservation_id
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

    /**
     * Inserts the entries, in their order (which their ledger ids follow), in one statement.
     *
     * @return the movement ids of those inserted: an entry whose movement id the ledger already held is left out
     */
    default Set<UUID> insert(List<LedgerEntry> entries) {
        return insertColumns(Columns.of(entries));
    }

    /** One statement over the columns as arrays: a statement per row cost the worker most of its CPU in a drain. */
    @SqlQuery("""
            INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, expected_quantity, delta,
                                         status, reason, rejection_reason, actor, source, request_id, occurred_at,
                                         accepted_at, applied_at, transfer_id, reservation_id)
            SELECT movement_id, store_id, product_id, type, quantity, expected_quantity, delta, status, reason,
                   rejection_reason, actor, source, request_id, occurred_at, accepted_at, applied_at, transfer_id,
                   reservation_id
            FROM unnest(CAST(:movementIds AS uuid[]), CAST(:storeIds AS bigint[]), CAST(:productIds AS bigint[]),
                        CAST(:types AS varchar[]), CAST(:quantities AS integer[]), CAST(:expectedQuantities AS integer[]),
                        CAST(:deltas AS bigint[]), CAST(:statuses AS varchar[]), CAST(:reasons AS varchar[]),
                        CAST(:rejectionReasons AS varchar[]), CAST(:actors AS varchar[]), CAST(:sources AS varchar[]),
                        CAST(:requestIds AS varchar[]), CAST(:occurredAts AS timestamptz[]),
                        CAST(:acceptedAts AS timestamptz[]), CAST(:appliedAts AS timestamptz[]),
                        CAST(:transferIds AS uuid[]), CAST(:reservationIds AS uuid[]))
                 WITH ORDINALITY AS r (movement_id, store_id, product_id, type, quantity, expected_quantity, delta, status,
                                       reason, rejection_reason, actor, source, request_id, occurred_at, accepted_at,
                                       applied_at, transfer_id, reservation_id, position)
            ORDER BY position
            ON CONFLICT (movement_id) DO NOTHING
            RETURNING movement_id
            """)
    Set<UUID> insertColumns(@BindMethods Columns columns);

    /** Ledger entries column by column; enums by their wire names, times as ISO-8601 text. */
    record Columns(UUID[] movementIds, long[] storeIds, long[] productIds, String[] types, int[] quantities,
                   Integer[] expectedQuantities, long[] deltas, String[] statuses, String[] reasons,
                   String[] rejectionReasons, String[] actors, String[] sources, String[] requestIds,
                   String[] occurredAts, String[] acceptedAts, String[] appliedAts, UUID[] transferIds,
                   UUID[] reservationIds) {

        static Columns of(List<LedgerEntry> entries) {
            int n = entries.size();
            Columns c = new Columns(new UUID[n], new long[n], new long[n], new String[n], new int[n], new Integer[n],
                    new long[n], new String[n], new String[n], new String[n], new String[n], new String[n],
                    new String[n], new String[n], new String[n], new String[n], new UUID[n], new UUID[n]);
            for (int i = 0; i < n; i++) {
                LedgerEntry entry = entries.get(i);
                Movement m = entry.movement();
                c.movementIds[i] = m.movementId();
                c.storeIds[i] = m.storeId();
                c.productIds[i] = m.productId();
                c.types[i] = m.type().toString();
                c.quantities[i] = m.quantity();
                c.expectedQuantities[i] = m.expectedQuantity();
                c.deltas[i] = entry.delta();
                c.statuses[i] = entry.status().toString();
                c.reasons[i] = m.reason();
                c.rejectionReasons[i] = entry.rejectionReason();
                c.actors[i] = m.actor();
                c.sources[i] = m.source().toString();
                c.requestIds[i] = m.requestId();
                c.occurredAts[i] = text(m.occurredAt());
                c.acceptedAts[i] = text(m.acceptedAt());
                c.appliedAts[i] = text(entry.appliedAt());
                c.transferIds[i] = m.transferId();
                c.reservationIds[i] = m.reservationId();
            }
            return c;
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

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
                    rs.getObject("transfer_id", UUID.class),
                    rs.getObject("reservation_id", UUID.class));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }
}
