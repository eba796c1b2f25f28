package com.bazaar.bench;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Tops the ledger up to {@code --ledger} rows before the reads, with rejected movements of a store id that does not
 * exist (actor "bench-filler"): they change no level, and the reads must not care how long the ledger is. Loading
 * them through the queue would take the drain rate's time.
 */
final class LedgerFiller {
    private LedgerFiller() {
    }

    static void fill(BenchTarget target, long rows) throws SQLException {
        try (Connection db = target.database(); var count = db.createStatement(); var rs = count.executeQuery(
                "SELECT count(*) FROM stock_movements")) {
            rs.next();
            long missing = rows - rs.getLong(1);
            if (missing <= 0) {
                return;
            }
            long start = System.nanoTime();
            try (var insert = db.prepareStatement("""
                    INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status,
                                                 rejection_reason, actor, source, occurred_at, accepted_at)
                    SELECT gen_random_uuid(), -1, 1 + i % 5000, 'in', 1, 1, 'rejected', 'store -1 does not exist',
                           'bench-filler', 'sqs', now() - i * interval '1 second', now() - i * interval '1 second'
                    FROM generate_series(1, ?) AS i""")) {
                insert.setLong(1, missing);
                insert.executeUpdate();
            }
            System.out.printf("ledger: added %d filler rows (rejected, store -1) in %.1f s%n", missing,
                    (System.nanoTime() - start) / 1e9);
            settle(db);
        }
    }

    /**
     * What an operator does after a bulk load, so that the reads are not measured against the load's aftermath
     * (autovacuum and a checkpoint then share the cores with the API): vacuum and analyze the ledger, checkpoint.
     */
    private static void settle(Connection db) {
        long start = System.nanoTime();
        try (var statement = db.createStatement()) {
            statement.execute("VACUUM (ANALYZE) stock_movements");
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            System.out.printf("ledger: could not settle the bulk load (%s); reads are measured as it is%n", e.getMessage());
            return;
        }
        System.out.printf("ledger: vacuumed, analyzed and checkpointed in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
