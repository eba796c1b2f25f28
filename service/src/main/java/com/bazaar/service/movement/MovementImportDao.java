package com.bazaar.service.movement;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The record of each movement import: which movements its rows are, to count how far the worker has got with them. */
@RegisterConstructorMapper(MovementImportDao.Progress.class)
public interface MovementImportDao {
    /** {@code rows = pending + applied + rejected}: a row is pending until the ledger has its movement. */
    @Schema(name = "ImportProgress")
    record Progress(int rows, int pending, int applied, int rejected) {
    }

    /** Keeps the first record of an id: a repeat upload under the same Idempotency-Key names the same movements. */
    @SqlUpdate("""
            INSERT INTO movement_imports (id, store_id, movement_ids, actor) VALUES (:id, :storeId, :movementIds, :actor)
            ON CONFLICT (id) DO NOTHING""")
    void record(UUID id, long storeId, UUID[] movementIds, String actor);

    @SqlQuery("""
            SELECT rows, rows - applied - rejected AS pending, applied, rejected
            FROM (SELECT cardinality(i.movement_ids) AS rows,
                         count(m.id) FILTER (WHERE m.status = 'applied') AS applied,
                         count(m.id) FILTER (WHERE m.status = 'rejected') AS rejected
                  FROM movement_imports i
                  CROSS JOIN LATERAL unnest(i.movement_ids) AS r (movement_id)
                  LEFT JOIN stock_movements m ON m.movement_id = r.movement_id
                  WHERE i.id = :id
                  GROUP BY i.id) AS counted""")
    Optional<Progress> progress(UUID id);
}
