package com.bazaar.reservation;

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
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Holds on stock (migration 009): written by the worker under their level's lock, read by the API. */
@RegisterRowMapper(ReservationDao.HoldMapper.class)
@RegisterRowMapper(ReservationDao.ViewMapper.class)
public interface ReservationDao {
    String HOLD = "SELECT id, store_id, product_id, quantity, status, expires_at FROM reservations ";
    String VIEW = """
            SELECT id, status, store_id, product_id, quantity, reference, expires_at, created_at, applied_at, ended_at,
                   rejection_reason, movement_id
            FROM reservations
            """;

    @SqlQuery(HOLD + "WHERE id = ANY(:ids)")
    List<Hold> holds(UUID[] ids);

    /** The active holds of these levels that are due at {@code now}; the caller has locked the levels. */
    @SqlQuery(HOLD + """
            WHERE status = 'active' AND expires_at <= :now
              AND (store_id, product_id) IN (SELECT * FROM unnest(CAST(:storeIds AS bigint[]), CAST(:productIds AS bigint[])))
            """)
    List<Hold> due(long[] storeIds, long[] productIds, Instant now);

    /** The soonest due active holds, read without a lock: the sweep then locks their levels and reads again. */
    @SqlQuery(HOLD + "WHERE status = 'active' AND expires_at <= :now ORDER BY expires_at LIMIT :limit")
    List<Hold> dueAnywhere(Instant now, int limit);

    /**
     * Inserts new holds (active or rejected); one whose id is already stored is left as it is.
     *
     * @return the ids of those inserted
     */
    @SqlQuery("""
            INSERT INTO reservations (id, store_id, product_id, quantity, reference, status, expires_at, created_at,
                                      applied_at, rejection_reason, actor, source, request_id)
            SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:storeIds AS bigint[]), CAST(:productIds AS bigint[]),
                                 CAST(:quantities AS integer[]), CAST(:references AS varchar[]),
                                 CAST(:statuses AS varchar[]), CAST(:expiresAts AS timestamptz[]),
                                 CAST(:createdAts AS timestamptz[]), CAST(:appliedAts AS timestamptz[]),
                                 CAST(:rejectionReasons AS varchar[]), CAST(:actors AS varchar[]),
                                 CAST(:sources AS varchar[]), CAST(:requestIds AS varchar[]))
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """)
    Set<UUID> insert(@BindMethods NewHolds holds);

    /** Ends active holds: consumed (with the movement), released or expired. */
    @SqlUpdate("""
            UPDATE reservations r SET status = e.status, ended_at = :endedAt, movement_id = e.movement_id
            FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS varchar[]), CAST(:movementIds AS uuid[]))
                 AS e (id, status, movement_id)
            WHERE r.id = e.id AND r.status = 'active'
            """)
    void end(UUID[] ids, String[] statuses, UUID[] movementIds, Instant endedAt);

    @SqlQuery(VIEW + "WHERE id = :id")
    Optional<ReservationView> findById(UUID id);

    /**
     * A store's holds newest first (acceptance time, then id), optionally of one status and product, after a position
     * in that order (keyset paging: a page costs the same at any depth).
     */
    @SqlQuery(VIEW + """
            WHERE store_id = :storeId
              AND (CAST(:status AS varchar) IS NULL OR status = :status)
              AND (CAST(:productId AS bigint) IS NULL OR product_id = :productId)
              AND (CAST(:afterCreatedAt AS timestamptz) IS NULL OR (created_at, id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid)))
            ORDER BY created_at DESC, id DESC LIMIT :limit
            """)
    List<ReservationView> list(long storeId, ReservationStatus status, Long productId, Instant afterCreatedAt,
                               UUID afterId, int limit);

    /** New holds column by column, times as ISO-8601 text. */
    record NewHolds(UUID[] ids, long[] storeIds, long[] productIds, int[] quantities, String[] references,
                    String[] statuses, String[] expiresAts, String[] createdAts, String[] appliedAts,
                    String[] rejectionReasons, String[] actors, String[] sources, String[] requestIds) {

        /** @param rejections by position: null where the hold is active */
        public static NewHolds of(List<HoldRequest> holds, List<String> rejections, Instant appliedAt) {
            int n = holds.size();
            NewHolds c = new NewHolds(new UUID[n], new long[n], new long[n], new int[n], new String[n], new String[n],
                    new String[n], new String[n], new String[n], new String[n], new String[n], new String[n],
                    new String[n]);
            for (int i = 0; i < n; i++) {
                HoldRequest hold = holds.get(i);
                c.ids[i] = hold.reservationId();
                c.storeIds[i] = hold.storeId();
                c.productIds[i] = hold.productId();
                c.quantities[i] = hold.quantity();
                c.references[i] = hold.reference();
                c.statuses[i] = (rejections.get(i) == null ? ReservationStatus.ACTIVE : ReservationStatus.REJECTED).toString();
                c.expiresAts[i] = hold.expiresAt().toString();
                c.createdAts[i] = hold.acceptedAt().toString();
                c.appliedAts[i] = appliedAt.toString();
                c.rejectionReasons[i] = rejections.get(i);
                c.actors[i] = hold.actor();
                c.sources[i] = hold.source().toString();
                c.requestIds[i] = hold.requestId();
            }
            return c;
        }
    }

    class HoldMapper implements RowMapper<Hold> {
        @Override
        public Hold map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Hold(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                    WireNameEnums.parse(ReservationStatus.class, rs.getString(5)), instant(rs, 6));
        }
    }

    class ViewMapper implements RowMapper<ReservationView> {
        @Override
        public ReservationView map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ReservationView(rs.getObject(1, UUID.class),
                    WireNameEnums.parse(ReservationStatus.class, rs.getString(2)), rs.getLong(3), rs.getLong(4),
                    rs.getInt(5), rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9), instant(rs, 10),
                    rs.getString(11), rs.getObject(12, UUID.class));
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
