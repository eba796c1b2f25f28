package com.bazaar.worker.verify;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Recomputes every level (on hand and reserved) from the ledger and the holds, in one statement: one snapshot of
 * tables the worker writes in one transaction, so a batch committing meanwhile is either wholly seen or not at all.
 * The rows stream; only the first {@link #KEPT} mismatches are kept to print.
 */
public final class LevelVerifier {
    static final int KEPT = 100;

    /** Each level the levels, the ledger or the holds name, with its evidence. */
    static final String EVIDENCE = """
            WITH ledger AS (SELECT store_id, product_id, sum(delta) AS ledger_sum FROM stock_movements
                            WHERE status = 'applied' GROUP BY store_id, product_id),
                 holds AS (SELECT store_id, product_id, sum(quantity) AS active_holds FROM reservations
                           WHERE status = 'active' GROUP BY store_id, product_id)
            SELECT store_id, product_id, COALESCE(l.quantity, 0) AS on_hand, COALESCE(l.reserved, 0) AS reserved,
                   COALESCE(g.ledger_sum, 0) AS ledger_sum, COALESCE(h.active_holds, 0) AS active_holds
            FROM inventory_levels l
            FULL JOIN ledger g USING (store_id, product_id)
            FULL JOIN holds h USING (store_id, product_id)
            """;

    private final Jdbi jdbi;

    public LevelVerifier(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @param mismatches the first {@link #KEPT} of them */
    public record Report(long checked, long mismatchCount, List<String> mismatches, double seconds) {
        public String summary() {
            return "%d levels checked, %d mismatches".formatted(checked, mismatchCount);
        }
    }

    public Report verify() {
        long start = System.nanoTime();
        return jdbi.inTransaction(handle -> {
            // A server-side cursor (auto-commit off, a fetch size) keeps the worker's memory flat however many levels.
            long[] counts = new long[2];
            List<String> kept = new ArrayList<>();
            try (var rows = handle.createQuery(EVIDENCE).setFetchSize(1000)
                    .map((rs, ctx) -> new LevelEvidence(rs.getLong("store_id"), rs.getLong("product_id"), rs.getLong("on_hand"),
                            rs.getLong("reserved"), rs.getLong("ledger_sum"), rs.getLong("active_holds"))).stream()) {
                rows.forEach(level -> {
                    counts[0]++;
                    level.mismatch().ifPresent(why -> {
                        counts[1]++;
                        if (kept.size() < KEPT) {
                            kept.add(why);
                        }
                    });
                });
            }
            return new Report(counts[0], counts[1], List.copyOf(kept), (System.nanoTime() - start) / 1e9);
        });
    }
}
