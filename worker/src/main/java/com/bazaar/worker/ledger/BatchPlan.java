package com.bazaar.worker.ledger;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditEntry;
import com.bazaar.feed.ChangeType;
import com.bazaar.feed.InventoryChange;
import com.bazaar.inventory.LowStock;
import com.bazaar.movement.LedgerEntry;
import com.bazaar.movement.Movement;
import com.bazaar.movement.MovementRules;
import com.bazaar.reservation.Hold;
import com.bazaar.reservation.HoldRequest;
import com.bazaar.reservation.HoldType;
import com.bazaar.reservation.ReservationRules;
import com.bazaar.reservation.ReservationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a batch does to the levels, holds and ledger it finds, decided without a database. First the holds of its
 * levels that are due expire; then each message in queue order:
 * <ul>
 * <li>a movement is a duplicate (already in the ledger, or earlier in the batch), refused, rejected (for lack of
 *     available stock, a count that expected another level, or a hold it names that it cannot consume) or applied
 *     with the level before and after it; a transfer is two ledger rows ({@link TransferLegs}), both applied or both
 *     rejected, each with its audit row; a sale that consumes a hold ends it;</li>
 * <li>a reserve is a duplicate, refused, rejected (not enough available, or already past its expiry) or an active
 *     hold;</li>
 * <li>a release ends an active hold of its level, or changes nothing.</li>
 * </ul>
 * Every change of a level adds one to its version and is a row of the change feed.
 *
 * @param outcomes   one per message, in the batch's order
 * @param writes     the ledger and audit rows of the movements that are not duplicates (two for a transfer)
 * @param newHolds   the holds to store, active or rejected, with their audit rows
 * @param endedHolds the stored or new holds that ended: consumed, released or expired
 * @param levels     the new state of every level that changed
 * @param audits     the audit rows beside those of {@code writes} and {@code newHolds}: holds ended, levels that
 *                   became low ({@link LowStock#reached})
 * @param changes    the change feed's rows in the order they apply (not numbered yet)
 */
public record BatchPlan(List<Outcome> outcomes, List<Write> writes, List<HoldWrite> newHolds, List<EndedHold> endedHolds,
                        Map<LevelKey, Level> levels, List<AuditEntry> audits, List<InventoryChange> changes) {
    /** Who ends a hold at its expiry, in the audit trail. */
    static final String EXPIRY_ACTOR = "worker";

    /** A ledger row to insert and its audit row; {@code position} is its movement's place in the batch. */
    public record Write(int position, LedgerEntry entry, AuditEntry audit) {
    }

    /** A hold to insert, active or (with a reason) rejected, and its audit row; {@code position} as for a write. */
    public record HoldWrite(int position, HoldRequest hold, String rejection, AuditEntry audit) {
    }

    /** @param movementId the sale that consumed it; else null */
    public record EndedHold(UUID id, ReservationStatus status, UUID movementId) {
    }

    /**
     * @param found      the state of every level a message without a refusal touches, locked
     * @param thresholds the low-stock thresholds of those levels that have one
     * @param holds      the stored holds the messages name, and the active holds of the found levels that are due
     * @param inLedger   the movement ids of the batch that the ledger already holds
     */
    public static BatchPlan of(List<? extends Checked> batch, Map<LevelKey, Level> found, Map<LevelKey, Integer> thresholds,
                               Map<UUID, Hold> holds, Set<UUID> inLedger, boolean allowNegativeStock, Instant now) {
        Planner planner = new Planner(found, thresholds, holds, inLedger, allowNegativeStock, now);
        planner.expireDue();
        batch.forEach(planner::plan);
        return new BatchPlan(planner.outcomes, planner.writes, planner.newHolds, planner.endedHolds, planner.changed,
                planner.audits, planner.changes);
    }

    private static final class Planner {
        private final Map<LevelKey, Level> levels;
        private final Map<LevelKey, Integer> thresholds;
        private final Map<UUID, Hold> holds;
        private final Set<UUID> seen;
        private final boolean allowNegativeStock;
        private final Instant now;
        private final List<Outcome> outcomes = new ArrayList<>();
        private final List<Write> writes = new ArrayList<>();
        private final List<HoldWrite> newHolds = new ArrayList<>();
        private final List<EndedHold> endedHolds = new ArrayList<>();
        private final Map<LevelKey, Level> changed = new LinkedHashMap<>();
        private final List<AuditEntry> audits = new ArrayList<>();
        private final List<InventoryChange> changes = new ArrayList<>();

        Planner(Map<LevelKey, Level> found, Map<LevelKey, Integer> thresholds, Map<UUID, Hold> holds, Set<UUID> inLedger,
                boolean allowNegativeStock, Instant now) {
            this.levels = new HashMap<>(found);
            this.thresholds = thresholds;
            this.holds = new HashMap<>(holds);
            this.seen = new HashSet<>(inLedger);
            this.allowNegativeStock = allowNegativeStock;
            this.now = now;
        }

        /** The due holds of the locked levels end first, soonest first: nothing in the batch may count them. */
        void expireDue() {
            holds.values().stream()
                    .filter(hold -> hold.dueAt(now) && levels.containsKey(key(hold)))
                    .sorted(Comparator.comparing(Hold::expiresAt).thenComparing(Hold::id))
                    .toList()
                    .forEach(hold -> {
                        change(key(hold), levels.get(key(hold)).onHand(), -hold.quantity(), hold.id(), ChangeType.EXPIRE);
                        end(hold, ReservationStatus.EXPIRED, null, EXPIRY_ACTOR, Map.of());
                    });
        }

        void plan(Checked checked) {
            if (checked instanceof CheckedMovement movement) {
                plan(movement);
            } else if (((CheckedHold) checked).hold().type() == HoldType.RESERVE) {
                reserve((CheckedHold) checked);
            } else {
                release((CheckedHold) checked);
            }
        }

        private void plan(CheckedMovement checked) {
            Movement movement = checked.movement();
            List<Movement> rows = TransferLegs.of(movement);
            if (!seen.add(rows.get(0).movementId())) {
                outcomes.add(Outcome.DUPLICATE);
                return;
            }
            Hold hold = movement.reservationId() == null ? null : holds.get(movement.reservationId());
            String rejection = checked.refusal() != null ? checked.refusal() : problem(movement, rows.get(0), hold);
            for (Movement row : rows) {
                LevelKey key = LevelKey.of(row);
                Long before = checked.refusal() == null ? levels.get(key).onHand() : null;
                LedgerEntry entry;
                Long after;
                if (rejection == null) {
                    after = row.type().levelAfter(before, row.quantity());
                    long reservedDelta = hold != null ? -hold.quantity() : 0;
                    change(key, after, reservedDelta, row.movementId(), ChangeType.of(row.type()));
                    entry = LedgerEntry.applied(row, before, now);
                    if (LowStock.reached(before, after, thresholds.get(key))) {
                        audits.add(lowStock(row, after, thresholds.get(key)));
                    }
                } else {
                    after = before;
                    entry = LedgerEntry.rejected(row, before, rejection);
                }
                writes.add(new Write(outcomes.size(), entry, audit(entry, before, after)));
            }
            if (rejection == null && hold != null) {
                end(hold, ReservationStatus.CONSUMED, movement.movementId(), movement.actor(),
                        Map.of("movementId", movement.movementId().toString(), "quantityTaken", movement.quantity()));
            }
            outcomes.add(rejection == null ? Outcome.APPLIED : Outcome.REJECTED);
        }

        /** Why a movement that nothing refused cannot apply (on its first row, the source's for a transfer), or null. */
        private String problem(Movement movement, Movement row, Hold hold) {
            if (movement.reservationId() != null) {
                Optional<String> problem = ReservationRules.consumeProblem(movement.reservationId(), hold, row.storeId(),
                        row.productId(), row.quantity(), now);
                if (problem.isPresent()) {
                    return problem.get();
                }
            }
            Level level = levels.get(LevelKey.of(row));
            return MovementRules.levelProblem(row, level.onHand(), hold != null ? 0 : level.reserved(), allowNegativeStock)
                    .map(problem -> movement.isTransfer() ? TransferLegs.rejection(movement, problem) : problem)
                    .orElse(null);
        }

        private void reserve(CheckedHold checked) {
            HoldRequest request = checked.hold();
            if (holds.containsKey(request.reservationId())) {
                outcomes.add(Outcome.DUPLICATE);
                return;
            }
            LevelKey key = new LevelKey(request.storeId(), request.productId());
            String rejection = checked.refusal() != null ? checked.refusal()
                    : ReservationRules.lateProblem(request.expiresAt(), now)
                            .or(() -> ReservationRules.reserveProblem(request.quantity(), levels.get(key).onHand(),
                                    levels.get(key).reserved()))
                            .orElse(null);
            ReservationStatus status = rejection == null ? ReservationStatus.ACTIVE : ReservationStatus.REJECTED;
            Hold hold = new Hold(request.reservationId(), request.storeId(), request.productId(), request.quantity(),
                    status, request.expiresAt());
            holds.put(hold.id(), hold);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("expiresAt", request.expiresAt().toString());
            details.put("reference", request.reference());
            if (rejection == null) {
                change(key, levels.get(key).onHand(), request.quantity(), hold.id(), ChangeType.RESERVE);
                details.put("reservedAfter", levels.get(key).reserved());
            }
            details.put("rejectionReason", rejection);
            details.put("source", request.source().toString());
            details.put("requestId", request.requestId());
            AuditAction action = rejection == null ? AuditAction.RESERVATION_CREATED : AuditAction.RESERVATION_REJECTED;
            newHolds.add(new HoldWrite(outcomes.size(), request, rejection, holdAudit(action, hold, request.actor(), details)));
            outcomes.add(rejection == null ? Outcome.APPLIED : Outcome.REJECTED);
        }

        private void release(CheckedHold checked) {
            HoldRequest request = checked.hold();
            Hold hold = holds.get(request.reservationId());
            boolean releases = checked.refusal() == null && hold != null && hold.status() == ReservationStatus.ACTIVE
                    && hold.storeId() == request.storeId() && hold.productId() == request.productId();
            if (!releases) {
                outcomes.add(Outcome.UNCHANGED);
                return;
            }
            change(key(hold), levels.get(key(hold)).onHand(), -hold.quantity(), hold.id(), ChangeType.RELEASE);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("source", request.source().toString());
            details.put("requestId", request.requestId());
            end(hold, ReservationStatus.RELEASED, null, request.actor(), details);
            outcomes.add(Outcome.APPLIED);
        }

        /** A change of a level: its new on hand and held quantities, one more version, a row of the feed. */
        private void change(LevelKey key, long onHand, long reservedDelta, UUID id, ChangeType type) {
            Level before = levels.get(key);
            Level after = before.change(onHand, reservedDelta);
            levels.put(key, after);
            changed.put(key, after);
            changes.add(InventoryChange.of(key.storeId(), key.productId(), after.onHand(), after.reserved(),
                    after.onHand() - before.onHand(), reservedDelta, after.version(), id, type, now));
        }

        private void end(Hold hold, ReservationStatus status, UUID movementId, String actor, Map<String, Object> extra) {
            holds.put(hold.id(), hold.ended(status));
            endedHolds.add(new EndedHold(hold.id(), status, movementId));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("expiresAt", hold.expiresAt().toString());
            details.put("reservedAfter", levels.get(key(hold)).reserved());
            details.putAll(extra);
            AuditAction action = switch (status) {
                case CONSUMED -> AuditAction.RESERVATION_CONSUMED;
                case RELEASED -> AuditAction.RESERVATION_RELEASED;
                case EXPIRED -> AuditAction.RESERVATION_EXPIRED;
                default -> throw new IllegalArgumentException("a hold does not end " + status);
            };
            audits.add(holdAudit(action, hold, actor, details));
        }

        private static LevelKey key(Hold hold) {
            return new LevelKey(hold.storeId(), hold.productId());
        }
    }

    private static AuditEntry holdAudit(AuditAction action, Hold hold, String actor, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("storeId", hold.storeId());
        details.put("productId", hold.productId());
        details.put("quantity", hold.quantity());
        details.putAll(extra);
        return new AuditEntry(actor, action, hold.id().toString(), details);
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
        if (movement.reservationId() != null) {
            details.put("reservationId", movement.reservationId().toString());
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
