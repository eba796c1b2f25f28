package com.bazaar.worker.ledger;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditDao;
import com.bazaar.audit.AuditEntry;
import com.bazaar.catalog.KnownIds;
import com.bazaar.inventory.InventoryDao;
import com.bazaar.inventory.InventoryLevel;
import com.bazaar.movement.LedgerDao;
import com.bazaar.movement.LedgerEntry;
import com.bazaar.movement.MovementMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies a batch of movements in one transaction: the ledger rows, the inventory levels and one audit row
 * per new movement. A movement id already in the ledger changes nothing, so redelivery is harmless.
 */
public class MovementApplier {
    private final Jdbi jdbi;
    private final KnownIds stores;
    private final KnownIds products;
    private final boolean allowNegativeStock;
    private final Clock clock;

    public MovementApplier(Jdbi jdbi, KnownIds stores, KnownIds products, boolean allowNegativeStock, Clock clock) {
        this.jdbi = jdbi;
        this.stores = stores;
        this.products = products;
        this.allowNegativeStock = allowNegativeStock;
        this.clock = clock;
    }

    /** @return one outcome per movement, in the batch's order; nothing is written if this throws */
    public List<Outcome> apply(List<Movement> batch) {
        Map<Movement, String> refusals = new HashMap<>();
        for (Movement movement : batch) {
            String refusal = refusal(movement);
            if (refusal != null) {
                refusals.put(movement, refusal);
            }
        }
        return jdbi.inTransaction(handle -> apply(handle, batch, refusals));
    }

    private List<Outcome> apply(Handle handle, List<Movement> batch, Map<Movement, String> refusals) {
        LedgerDao ledger = handle.attach(LedgerDao.class);
        InventoryDao inventory = handle.attach(InventoryDao.class);

        // Lock first: a redelivered movement waits here until the transaction that applied it has committed,
        // so the ledger lookup below sees it.
        Map<Key, Long> levels = lock(inventory, batch.stream().filter(m -> !refusals.containsKey(m)).toList());
        Set<UUID> seen = new HashSet<>(ledger.existing(batch.stream().map(Movement::movementId).toArray(UUID[]::new)));

        Instant now = clock.instant();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<LedgerEntry> entries = new ArrayList<>();
        List<AuditEntry> audits = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Map<Key, Long> changed = new LinkedHashMap<>();
        for (Movement movement : batch) {
            if (!seen.add(movement.movementId())) {
                outcomes.add(Outcome.DUPLICATE);
                continue;
            }
            Key key = new Key(movement.storeId(), movement.productId());
            String rejection = refusals.get(movement);
            Long before = levels.get(key);
            Long after = null;
            if (rejection == null) {
                after = before + movement.type().delta(movement.quantity());
                if (after < 0 && !allowNegativeStock) {
                    rejection = "insufficient stock: " + before + " on hand, " + movement.quantity() + " requested";
                    after = null;
                } else {
                    levels.put(key, after);
                    changed.put(key, after);
                }
            }
            LedgerEntry entry = entry(movement, rejection, now);
            entries.add(entry);
            audits.add(audit(entry, before, after));
            positions.add(outcomes.size());
            outcomes.add(entry.applied() ? Outcome.APPLIED : Outcome.REJECTED);
        }

        if (entries.isEmpty()) {
            return outcomes;
        }
        int[] inserted = ledger.insert(entries);
        List<AuditEntry> auditsOfInserted = new ArrayList<>(audits.size());
        for (int i = 0; i < entries.size(); i++) {
            if (inserted[i] == 1) {
                auditsOfInserted.add(audits.get(i));
            } else if (entries.get(i).applied()) {
                // Only possible if the lock above did not cover it; roll back rather than count it twice.
                throw new IllegalStateException("movement " + entries.get(i).movementId() + " was written concurrently");
            } else {
                outcomes.set(positions.get(i), Outcome.DUPLICATE);
            }
        }
        if (!changed.isEmpty()) {
            inventory.update(changed.entrySet().stream()
                    .map(e -> new InventoryLevel(e.getKey().storeId(), e.getKey().productId(), e.getValue()))
                    .toList());
        }
        if (!auditsOfInserted.isEmpty()) {
            handle.attach(AuditDao.class).recordAll(auditsOfInserted);
        }
        return outcomes;
    }

    /** Why a well-formed movement cannot apply whatever the stock, or null. */
    private String refusal(Movement movement) {
        if (!stores.contains(movement.storeId())) {
            return "store " + movement.storeId() + " does not exist";
        }
        if (!products.contains(movement.productId())) {
            return "product " + movement.productId() + " does not exist";
        }
        if (movement.occurredAt().isAfter(movement.acceptedAt().plus(MovementMessage.MAX_CLOCK_AHEAD))) {
            return "occurredAt lies more than 5 minutes after the message was sent";
        }
        return null;
    }

    /** Locks the levels the batch touches, in (store, product) order, and returns their quantities. */
    private static Map<Key, Long> lock(InventoryDao inventory, List<Movement> movements) {
        Set<Key> keys = new TreeSet<>();
        movements.forEach(m -> keys.add(new Key(m.storeId(), m.productId())));
        Map<Key, Long> levels = new HashMap<>();
        if (!keys.isEmpty()) {
            long[] storeIds = keys.stream().mapToLong(Key::storeId).toArray();
            long[] productIds = keys.stream().mapToLong(Key::productId).toArray();
            for (InventoryLevel level : inventory.lock(storeIds, productIds)) {
                levels.put(new Key(level.storeId(), level.productId()), level.quantity());
            }
        }
        return levels;
    }

    private static LedgerEntry entry(Movement m, String rejection, Instant now) {
        boolean applied = rejection == null;
        return new LedgerEntry(m.movementId(), m.storeId(), m.productId(), m.type(), m.quantity(),
                applied ? LedgerEntry.APPLIED : LedgerEntry.REJECTED, m.reason(), rejection, m.actor(), m.source(),
                m.requestId(), m.occurredAt(), m.acceptedAt(), applied ? now : null);
    }

    private static AuditEntry audit(LedgerEntry entry, Long before, Long after) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("storeId", entry.storeId());
        details.put("productId", entry.productId());
        details.put("type", entry.typeName());
        details.put("quantity", entry.quantity());
        details.put("quantityBefore", before);
        details.put("quantityAfter", entry.applied() ? after : before);
        details.put("reason", entry.reason());
        details.put("rejectionReason", entry.rejectionReason());
        details.put("source", entry.source());
        details.put("requestId", entry.requestId());
        details.put("occurredAt", entry.occurredAt().toString());
        AuditAction action = entry.applied() ? AuditAction.MOVEMENT_APPLIED : AuditAction.MOVEMENT_REJECTED;
        return new AuditEntry(entry.actor(), action, entry.movementId().toString(), details);
    }

    private record Key(long storeId, long productId) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byStore = Long.compare(storeId, other.storeId);
            return byStore != 0 ? byStore : Long.compare(productId, other.productId);
        }
    }
}
