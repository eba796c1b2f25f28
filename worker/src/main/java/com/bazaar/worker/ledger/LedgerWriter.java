package com.bazaar.worker.ledger;

import com.bazaar.audit.AuditDao;
import com.bazaar.audit.AuditEntry;
import com.bazaar.catalog.KnownIds;
import com.bazaar.catalog.Missing;
import com.bazaar.db.Databases;
import com.bazaar.feed.FeedDao;
import com.bazaar.inventory.InventoryDao;
import com.bazaar.inventory.InventoryLevel;
import com.bazaar.movement.LedgerDao;
import com.bazaar.movement.Movement;
import com.bazaar.movement.MovementRules;
import com.bazaar.queue.QueuedChange;
import com.bazaar.reservation.Hold;
import com.bazaar.reservation.HoldRequest;
import com.bazaar.reservation.ReservationDao;
import com.bazaar.reservation.ReservationStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies a batch of queue messages in one transaction: the ledger rows, the holds, the inventory levels and their
 * audit rows, and last the change feed's rows of the levels it changed. What each message does is
 * {@link BatchPlan}'s decision; this class only reads what the plan needs and writes what it says. A movement or
 * hold id already stored changes nothing, so redelivery is harmless.
 */
public class LedgerWriter {
    private final Jdbi jdbi;
    private final KnownIds stores;
    private final KnownIds products;
    private final boolean allowNegativeStock;
    private final Clock clock;

    public LedgerWriter(Jdbi jdbi, KnownIds stores, KnownIds products, boolean allowNegativeStock, Clock clock) {
        this.jdbi = jdbi;
        this.stores = stores;
        this.products = products;
        this.allowNegativeStock = allowNegativeStock;
        this.clock = clock;
        Databases.describeSqlObjects(jdbi, LedgerDao.class, InventoryDao.class, AuditDao.class, FeedDao.class,
                ReservationDao.class);
    }

    /** @return one outcome per message, in the batch's order; nothing is written if this throws */
    public List<Outcome> apply(List<? extends QueuedChange> batch) {
        List<Checked> checked = batch.stream().map(this::check).toList();
        return jdbi.inTransaction(handle -> apply(handle, checked, Set.of()).outcomes());
    }

    /** The levels of the soonest due active holds (at most {@code limit} holds), read without a lock. */
    public Set<LevelKey> dueLevels(int limit) {
        return jdbi.withExtension(ReservationDao.class, dao -> dao.dueAnywhere(clock.instant(), limit)).stream()
                .map(hold -> new LevelKey(hold.storeId(), hold.productId()))
                .collect(Collectors.toSet());
    }

    /** Ends the holds of these levels that are due, under the levels' locks; @return how many ended */
    public int expire(Collection<LevelKey> levels) {
        return jdbi.inTransaction(handle -> apply(handle, List.of(), levels).expired());
    }

    private record Result(List<Outcome> outcomes, int expired) {
    }

    private Result apply(Handle handle, List<Checked> batch, Collection<LevelKey> alsoLock) {
        LedgerDao ledger = handle.attach(LedgerDao.class);
        InventoryDao inventory = handle.attach(InventoryDao.class);
        ReservationDao reservations = handle.attach(ReservationDao.class);
        // Lock first: a redelivered message waits here until the transaction that applied it has committed, so the
        // lookups below see it; and a level's holds are read only under its lock.
        List<InventoryLevel> locked = lock(inventory, batch, alsoLock);
        // Taken under the locks, so a level's changes carry apply times in the order they applied (inventory as of
        // an instant relies on it), and due holds are judged at the time they are decided.
        Instant now = clock.instant();
        Map<LevelKey, Level> found = new HashMap<>();
        Map<LevelKey, Integer> thresholds = new HashMap<>();
        for (InventoryLevel level : locked) {
            LevelKey key = new LevelKey(level.storeId(), level.productId());
            found.put(key, new Level(level.quantity(), level.reserved(), level.version()));
            if (level.lowStockThreshold() != null) {
                thresholds.put(key, level.lowStockThreshold());
            }
        }
        // A transfer's legs are written together, so its first leg says whether it is in the ledger.
        Set<UUID> inLedger = ledger.existing(movements(batch)
                .map(m -> TransferLegs.of(m).get(0).movementId()).toArray(UUID[]::new));
        Map<UUID, Hold> holds = holds(reservations, batch, locked, now);
        BatchPlan plan = BatchPlan.of(batch, found, thresholds, holds, inLedger, allowNegativeStock, now);

        List<Outcome> outcomes = new ArrayList<>(plan.outcomes());
        List<AuditEntry> audits = new ArrayList<>();
        if (!plan.writes().isEmpty()) {
            Set<UUID> inserted = ledger.insert(plan.writes().stream().map(BatchPlan.Write::entry).toList());
            for (BatchPlan.Write write : plan.writes()) {
                keepIfInserted(inserted.contains(write.entry().movement().movementId()), write.entry().applied(),
                        write.entry().movement().movementId(), write.position(), write.audit(), outcomes, audits);
            }
        }
        if (!plan.newHolds().isEmpty()) {
            List<BatchPlan.HoldWrite> writes = plan.newHolds();
            Set<UUID> inserted = reservations.insert(ReservationDao.NewHolds.of(
                    writes.stream().map(BatchPlan.HoldWrite::hold).toList(),
                    writes.stream().map(BatchPlan.HoldWrite::rejection).toList(), now));
            for (BatchPlan.HoldWrite write : writes) {
                keepIfInserted(inserted.contains(write.hold().reservationId()), write.rejection() == null,
                        write.hold().reservationId(), write.position(), write.audit(), outcomes, audits);
            }
        }
        if (!plan.endedHolds().isEmpty()) {
            List<BatchPlan.EndedHold> ended = plan.endedHolds();
            reservations.end(ended.stream().map(BatchPlan.EndedHold::id).toArray(UUID[]::new),
                    ended.stream().map(e -> e.status().toString()).toArray(String[]::new),
                    ended.stream().map(BatchPlan.EndedHold::movementId).toArray(UUID[]::new), now);
        }
        if (!plan.levels().isEmpty()) {
            inventory.update(plan.levels().entrySet().stream()
                    .map(e -> new InventoryLevel(e.getKey().storeId(), e.getKey().productId(), e.getValue().onHand(),
                            e.getValue().reserved(), e.getValue().version(), null))
                    .toList());
        }
        audits.addAll(plan.audits());
        if (!audits.isEmpty()) {
            handle.attach(AuditDao.class).record(audits);
        }
        if (!plan.changes().isEmpty()) {
            // Last: the feed clock's lock is held from here to the commit, so feed order is commit order.
            handle.attach(FeedDao.class).append(plan.changes());
        }
        int expired = (int) plan.endedHolds().stream()
                .filter(e -> e.status() == ReservationStatus.EXPIRED).count();
        return new Result(outcomes, expired);
    }

    /**
     * An applied row that was not inserted is only possible if the lock did not cover it: roll back rather than count
     * it twice. A rejected one was written by a concurrent transaction: a duplicate, and its audit row is that one's.
     */
    private static void keepIfInserted(boolean inserted, boolean applied, UUID id, int position, AuditEntry audit,
                                       List<Outcome> outcomes, List<AuditEntry> audits) {
        if (inserted) {
            audits.add(audit);
        } else if (applied) {
            throw new IllegalStateException(id + " was written concurrently");
        } else {
            outcomes.set(position, Outcome.DUPLICATE);
        }
    }

    /**
     * The stored holds the batch names, and the active holds of the locked levels that hold anything and are due:
     * the plan ends those before anything in the batch can count them.
     */
    private static Map<UUID, Hold> holds(ReservationDao reservations, List<Checked> batch, List<InventoryLevel> locked,
                                         Instant now) {
        UUID[] named = Stream.concat(
                        batch.stream().filter(CheckedHold.class::isInstance).map(c -> ((CheckedHold) c).hold().reservationId()),
                        movements(batch).map(Movement::reservationId).filter(Objects::nonNull))
                .distinct().toArray(UUID[]::new);
        Map<UUID, Hold> holds = new HashMap<>();
        if (named.length > 0) {
            reservations.holds(named).forEach(hold -> holds.put(hold.id(), hold));
        }
        List<InventoryLevel> holding = locked.stream().filter(level -> level.reserved() > 0).toList();
        if (!holding.isEmpty()) {
            reservations.due(holding.stream().mapToLong(InventoryLevel::storeId).toArray(),
                    holding.stream().mapToLong(InventoryLevel::productId).toArray(), now)
                    .forEach(hold -> holds.put(hold.id(), hold));
        }
        return holds;
    }

    private static Stream<Movement> movements(List<Checked> batch) {
        return batch.stream().filter(CheckedMovement.class::isInstance).map(c -> ((CheckedMovement) c).movement());
    }

    private Checked check(QueuedChange change) {
        if (change instanceof Movement movement) {
            return new CheckedMovement(movement, refusal(movement));
        }
        HoldRequest hold = (HoldRequest) change;
        return new CheckedHold(hold, missing(hold.storeId(), hold.productId()));
    }

    /** Why a well-formed movement cannot apply whatever the stock, or null. */
    private String refusal(Movement movement) {
        if (!stores.contains(movement.storeId())) {
            return Missing.store(movement.storeId());
        }
        if (movement.isTransfer() && !stores.contains(movement.toStoreId())) {
            return Missing.store(movement.toStoreId());
        }
        if (!products.contains(movement.productId())) {
            return Missing.product(movement.productId());
        }
        return MovementRules.clockViolation(movement.occurredAt(), movement.acceptedAt()).orElse(null);
    }

    /** Why a hold cannot be taken or released whatever the stock, or null. */
    private String missing(long storeId, long productId) {
        if (!stores.contains(storeId)) {
            return Missing.store(storeId);
        }
        return products.contains(productId) ? null : Missing.product(productId);
    }

    /**
     * Locks the levels the messages without a refusal touch (both of a transfer's), and {@code alsoLock}, in (store,
     * product) order, the one order every transaction takes them in.
     */
    private static List<InventoryLevel> lock(InventoryDao inventory, List<Checked> batch, Collection<LevelKey> alsoLock) {
        SortedSet<LevelKey> keys = new TreeSet<>(alsoLock);
        for (Checked checked : batch) {
            if (checked.refusal() != null) {
                continue;
            }
            if (checked instanceof CheckedMovement movement) {
                TransferLegs.of(movement.movement()).forEach(row -> keys.add(LevelKey.of(row)));
            } else {
                HoldRequest hold = ((CheckedHold) checked).hold();
                keys.add(new LevelKey(hold.storeId(), hold.productId()));
            }
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        return inventory.lock(keys.stream().mapToLong(LevelKey::storeId).toArray(),
                keys.stream().mapToLong(LevelKey::productId).toArray());
    }
}
