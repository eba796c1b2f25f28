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
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies a batch of movements in one transaction: the ledger rows, the inventory levels and one audit row
 * per new ledger row (a transfer has two), and last the change feed's rows of the levels it changed. What each movement does is {@link BatchPlan}'s decision; this class only reads what the
 * plan needs and writes what it says. A movement id already in the ledger changes nothing, so redelivery is
 * harmless.
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
        Databases.describeSqlObjects(jdbi, LedgerDao.class, InventoryDao.class, AuditDao.class, FeedDao.class);
    }

    /** @return one outcome per movement, in the batch's order; nothing is written if this throws */
    public List<Outcome> apply(List<Movement> batch) {
        List<CheckedMovement> checked = batch.stream().map(m -> new CheckedMovement(m, refusal(m))).toList();
        return jdbi.inTransaction(handle -> apply(handle, checked));
    }

    private List<Outcome> apply(Handle handle, List<CheckedMovement> batch) {
        LedgerDao ledger = handle.attach(LedgerDao.class);
        InventoryDao inventory = handle.attach(InventoryDao.class);

        // Lock first: a redelivered movement waits here until the transaction that applied it has committed,
        // so the ledger lookup below sees it.
        List<InventoryLevel> locked = lock(inventory, batch);
        Map<LevelKey, Long> onHand = new HashMap<>();
        Map<LevelKey, Integer> thresholds = new HashMap<>();
        for (InventoryLevel level : locked) {
            LevelKey key = new LevelKey(level.storeId(), level.productId());
            onHand.put(key, level.quantity());
            if (level.lowStockThreshold() != null) {
                thresholds.put(key, level.lowStockThreshold());
            }
        }
        // A transfer's legs are written together, so its first leg says whether it is in the ledger.
        Set<UUID> inLedger = ledger.existing(batch.stream()
                .map(c -> TransferLegs.of(c.movement()).get(0).movementId()).toArray(UUID[]::new));
        BatchPlan plan = BatchPlan.of(batch, onHand, thresholds, inLedger, allowNegativeStock, clock.instant());
        if (plan.writes().isEmpty()) {
            return plan.outcomes();
        }

        List<Outcome> outcomes = new ArrayList<>(plan.outcomes());
        Set<UUID> inserted = ledger.insert(plan.writes().stream().map(BatchPlan.Write::entry).toList());
        List<AuditEntry> audits = new ArrayList<>(plan.writes().size());
        for (BatchPlan.Write write : plan.writes()) {
            if (inserted.contains(write.entry().movement().movementId())) {
                audits.add(write.audit());
            } else if (write.entry().applied()) {
                // Only possible if the lock above did not cover it; roll back rather than count it twice.
                throw new IllegalStateException("movement " + write.entry().movement().movementId()
                        + " was written concurrently");
            } else {
                outcomes.set(write.position(), Outcome.DUPLICATE);
            }
        }
        if (!plan.levels().isEmpty()) {
            inventory.update(plan.levels().entrySet().stream()
                    .map(e -> new InventoryLevel(e.getKey().storeId(), e.getKey().productId(), e.getValue(), null))
                    .toList());
        }
        audits.addAll(plan.alerts());
        handle.attach(AuditDao.class).record(audits);
        if (!plan.changes().isEmpty()) {
            // Last: the feed clock's lock is held from here to the commit, so feed order is commit order.
            handle.attach(FeedDao.class).append(plan.changes());
        }
        return outcomes;
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

    /**
     * Locks the levels the movements without a refusal touch (both of a transfer's), in (store, product) order, the
     * one order every batch takes them in.
     */
    private static List<InventoryLevel> lock(InventoryDao inventory, List<CheckedMovement> batch) {
        SortedSet<LevelKey> keys = new TreeSet<>();
        batch.stream().filter(c -> c.refusal() == null)
                .forEach(c -> TransferLegs.of(c.movement()).forEach(row -> keys.add(LevelKey.of(row))));
        if (keys.isEmpty()) {
            return List.of();
        }
        return inventory.lock(keys.stream().mapToLong(LevelKey::storeId).toArray(),
                keys.stream().mapToLong(LevelKey::productId).toArray());
    }
}
