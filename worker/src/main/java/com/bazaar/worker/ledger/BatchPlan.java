package com.bazaar.worker.ledger;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditEntry;
import com.bazaar.feed.InventoryChange;
import com.bazaar.inventory.LowStock;
import com.bazaar.movement.LedgerEntry;
import com.bazaar.movement.Movement;
import com.bazaar.movement.MovementRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a batch of movements does to the levels and ledger it finds, decided without a database: each
 * movement in queue order is a duplicate (already in the ledger, or earlier in the batch), refused,
 * rejected for lack of stock or a count that expected another level, or applied with the level before and after it.
 * A transfer is two ledger rows ({@link TransferLegs}), both applied or both rejected, each with its audit row.
 *
 * @param outcomes one per movement, in the batch's order
 * @param writes   the ledger and audit rows of the movements that are not duplicates (two for a transfer)
 * @param levels   the new quantity of every level an applied movement changed
 * @param alerts   an audit row for each applied movement that made its level low ({@link LowStock#reached})
 * @param changes  the change feed's rows, one per applied ledger row in the order they apply (not numbered yet)
 */
public record BatchPlan(List<Outcome> outcomes, List<Write> writes, Map<LevelKey, Long> levels, List<AuditEntry> alerts,
                        List<InventoryChange> changes) {

    /** A ledger row to insert and its audit row; {@code position} is its movement's place in the batch. */
    public record Write(int position, LedgerEntry entry, AuditEntry audit) {
    }

    /**
     * @param onHand     the current quantity of every level a movement without a refusal touches
     * @param thresholds the low-stock thresholds of those levels that have one
     * @param inLedger   the movement ids of the batch that the ledger already holds
     */
    public static BatchPlan of(List<CheckedMovement> batch, Map<LevelKey, Long> onHand, Map<LevelKey, Integer> thresholds,
                               Set<UUID> inLedger, boolean allowNegativeStock, Instant now) {
        Map<LevelKey, Long> levels = new HashMap<>(onHand);
        Set<UUID> seen = new HashSet<>(inLedger);
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<Write> writes = new ArrayList<>(batch.size());
        Map<LevelKey, Long> changed = new LinkedHashMap<>();
        List<AuditEntry> alerts = new ArrayList<>();
        List<InventoryChange> changes = new ArrayList<>();
        for (CheckedMovement checked : batch) {
            Movement movement = checked.movement();
            List<Movement> rows = TransferLegs.of(movement);
            if (!seen.add(rows.get(0).movementId())) {
                outcomes.add(Outcome.DUPLICATE);
                continue;
            }
            // A transfer's legs stand or fall together, on the source's: the destination's only adds.
            String rejection = checked.refusal() != null ? checked.refusal()
                    : MovementRules.levelProblem(rows.get(0), levels.get(LevelKey.of(rows.get(0))), allowNegativeStock)
                            .map(problem -> movement.isTransfer() ? TransferLegs.rejection(movement, problem) : problem)
                            .orElse(null);
            for (Movement row : rows) {
                LevelKey key = LevelKey.of(row);
                Long before = checked.refusal() == null ? levels.get(key) : null;
                LedgerEntry entry;
                Long after;
                if (rejection == null) {
                    after = row.type().levelAfter(before, row.quantity());
                    levels.put(key, after);
                    changed.put(key, after);
                    entry = LedgerEntry.applied(row, before, now);
                    changes.add(new InventoryChange(0, row.storeId(), row.productId(), after, entry.delta(), row.movementId(),
                            row.type(), now));
                    if (LowStock.reached(before, after, thresholds.get(key))) {
                        alerts.add(lowStock(row, after, thresholds.get(key)));
                    }
                } else {
                    after = before;
                    entry = LedgerEntry.rejected(row, before, rejection);
                }
                writes.add(new Write(outcomes.size(), entry, audit(entry, before, after)));
            }
            outcomes.add(rejection == null ? Outcome.APPLIED : Outcome.REJECTED);
        }
        return new BatchPlan(outcomes, writes, changed, alerts, changes);
    }

    private static AuditEntry lowStock(Movement movement, long quantity, int threshold) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("storeId", movement.storeId());
        details.put("productId", movement.productId());
        details.put("quantity", quantity);
        details.put("lowStockThreshold", threshold);
        details.put("movementId", movement.movementId().toString());
        return new AuditEntry(movement.actor(), AuditAction.LOW_STOCK_REACHED,
                movement.storeId() + ":" + movement.productId(), details);
    }

    private static AuditEntry audit(LedgerEntry entry, Long before, Long after) {
        Movement movement = entry.movement();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("storeId", movement.storeId());
        details.put("productId", movement.productId());
        details.put("type", movement.type().toString());
        details.put("quantity", movement.quantity());
        if (movement.expectedQuantity() != null) {
            details.put("expectedQuantity", movement.expectedQuantity());
        }
        if (movement.transferId() != null) {
            details.put("transferId", movement.transferId().toString());
        }
        details.put("quantityBefore", before);
        details.put("quantityAfter", after);
        details.put("reason", movement.reason());
        details.put("rejectionReason", entry.rejectionReason());
        details.put("source", movement.source().toString());
        details.put("requestId", movement.requestId());
        details.put("occurredAt", movement.occurredAt().toString());
        AuditAction action = entry.applied() ? AuditAction.MOVEMENT_APPLIED : AuditAction.MOVEMENT_REJECTED;
        return new AuditEntry(movement.actor(), action, movement.movementId().toString(), details);
    }
}
