package com.bazaar.worker.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditEntry;
import com.bazaar.feed.ChangeType;
import com.bazaar.feed.InventoryChange;
import com.bazaar.movement.Movement;
import com.bazaar.movement.MovementSource;
import com.bazaar.movement.MovementType;
import com.bazaar.reservation.Hold;
import com.bazaar.reservation.HoldRequest;
import com.bazaar.reservation.HoldType;
import com.bazaar.reservation.ReservationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link BatchPlan}'s decisions about holds: taking, consuming, releasing, expiring, and what sales may take. */
class ReservationPlanTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final LevelKey LEVEL = new LevelKey(1, 2);

    static CheckedHold reserve(UUID id, int quantity, Instant expiresAt) {
        return new CheckedHold(new HoldRequest(HoldType.RESERVE, id, LEVEL.storeId(), LEVEL.productId(), quantity, expiresAt,
                "order-1", "web", MovementSource.API, "req-1", NOW), null);
    }

    static CheckedHold reserve(int quantity) {
        return reserve(UUID.randomUUID(), quantity, NOW.plusSeconds(900));
    }

    static CheckedHold release(UUID id) {
        return new CheckedHold(new HoldRequest(HoldType.RELEASE, id, LEVEL.storeId(), LEVEL.productId(), 0, null, null, "web",
                MovementSource.API, "req-2", NOW), null);
    }

    static CheckedMovement sale(int quantity, UUID reservationId) {
        return new CheckedMovement(new Movement(UUID.randomUUID(), LEVEL.storeId(), LEVEL.productId(), MovementType.OUT,
                quantity, null, NOW, "till-3", null, MovementSource.API, "req-3", NOW, null, null, reservationId), null);
    }

    static CheckedMovement count(int quantity) {
        return new CheckedMovement(new Movement(UUID.randomUUID(), LEVEL.storeId(), LEVEL.productId(), MovementType.COUNT,
                quantity, null, NOW, "counter", null, MovementSource.API, null, NOW, null, null, null), null);
    }

    static Hold active(int quantity, Instant expiresAt) {
        return new Hold(UUID.randomUUID(), LEVEL.storeId(), LEVEL.productId(), quantity, ReservationStatus.ACTIVE, expiresAt);
    }

    static BatchPlan plan(List<? extends Checked> batch, Level level, Hold... holds) {
        Map<UUID, Hold> byId = new java.util.HashMap<>();
        for (Hold hold : holds) {
            byId.put(hold.id(), hold);
        }
        return BatchPlan.of(batch, Map.of(LEVEL, level), Map.of(), byId, Set.of(), false, NOW);
    }

    @Test
    void aHoldIsTakenFromWhatIsAvailableAndAnotherBeyondItIsRejectedNamingOnHandReservedAndRequested() {
        BatchPlan plan = plan(List.of(reserve(6), reserve(5)), new Level(10, 0, 7));

        assertThat(plan.outcomes()).containsExactly(Outcome.APPLIED, Outcome.REJECTED);
        assertThat(plan.levels()).isEqualTo(Map.of(LEVEL, new Level(10, 6, 8)));
        assertThat(plan.newHolds()).extracting(BatchPlan.HoldWrite::rejection)
                .containsExactly(null, "insufficient available stock: 10 on hand, 6 reserved, 5 requested");
        assertThat(plan.newHolds()).extracting(w -> w.audit().action())
                .containsExactly(AuditAction.RESERVATION_CREATED, AuditAction.RESERVATION_REJECTED);
        assertThat(plan.changes()).extracting(InventoryChange::type, InventoryChange::delta, InventoryChange::reservedDelta,
                        InventoryChange::quantity, InventoryChange::reservedQuantity, InventoryChange::availableQuantity,
                        InventoryChange::version)
                .containsExactly(tuple(ChangeType.RESERVE, 0L, 6L, 10L, 6L, 4L, 8L));
    }

    @Test
    void aSaleWithoutAHoldMayNotTakeWhatIsHeldForOthers() {
        BatchPlan plan = plan(List.of(sale(3, null), sale(2, null)), new Level(10, 8, 1));

        assertThat(plan.outcomes()).containsExactly(Outcome.REJECTED, Outcome.APPLIED);
        assertThat(plan.writes().get(0).entry().rejectionReason())
                .isEqualTo("insufficient available stock: 10 on hand, 8 reserved, 3 requested");
        assertThat(plan.levels()).isEqualTo(Map.of(LEVEL, new Level(8, 8, 2)));
    }

    @Test
    void aSaleNamingAnActiveHoldTakesItsQuantityFromOnHandAndEndsTheWholeHoldConsumed() {
        Hold hold = active(5, NOW.plusSeconds(60));
        CheckedMovement sale = sale(4, hold.id());
        BatchPlan plan = plan(List.of(sale), new Level(5, 5, 3), hold);

        assertThat(plan.outcomes()).containsExactly(Outcome.APPLIED);
        assertThat(plan.levels()).isEqualTo(Map.of(LEVEL, new Level(1, 0, 4)));
        assertThat(plan.endedHolds()).containsExactly(
                new BatchPlan.EndedHold(hold.id(), ReservationStatus.CONSUMED, sale.movement().movementId()));
        assertThat(plan.audits()).extracting(AuditEntry::action, AuditEntry::entityId)
                .containsExactly(tuple(AuditAction.RESERVATION_CONSUMED, hold.id().toString()));
        assertThat(plan.changes()).extracting(InventoryChange::type, InventoryChange::delta, InventoryChange::reservedDelta)
                .containsExactly(tuple(ChangeType.OUT, -4L, -5L));
    }

    @Test
    void aSaleThatCannotConsumeTheHoldItNamesIsRejectedNamingTheHoldsStateAndChangesNothing() {
        Hold released = new Hold(UUID.randomUUID(), 1, 2, 5, ReservationStatus.RELEASED, NOW.plusSeconds(60));
        Hold otherProduct = new Hold(UUID.randomUUID(), 1, 9, 5, ReservationStatus.ACTIVE, NOW.plusSeconds(60));
        Hold small = active(2, NOW.plusSeconds(60));
        UUID unknown = UUID.randomUUID();
        BatchPlan plan = plan(List.of(sale(1, released.id()), sale(1, otherProduct.id()), sale(3, small.id()), sale(1, unknown)),
                new Level(10, 2, 0), released, otherProduct, small);

        assertThat(plan.outcomes()).containsOnly(Outcome.REJECTED);
        assertThat(plan.writes()).extracting(w -> w.entry().rejectionReason()).containsExactly(
                "reservation " + released.id() + " is released, not active",
                "reservation " + otherProduct.id() + " holds product 9 at store 1, not product 2 at store 1",
                "reservation " + small.id() + " holds 2, 3 requested",
                "reservation " + unknown + " not found");
        assertThat(plan.levels()).isEmpty();
        assertThat(plan.endedHolds()).isEmpty();
    }

    @Test
    void dueHoldsExpireBeforeAnythingInTheBatchSoonestFirstAndASaleNamingOneIsRejected() {
        Hold later = active(3, NOW.minusSeconds(1));
        Hold sooner = active(4, NOW.minusSeconds(5));
        Hold notYet = active(1, NOW.plusSeconds(1));
        BatchPlan plan = plan(List.of(sale(4, sooner.id()), sale(9, null)), new Level(10, 8, 0), later, sooner, notYet);

        assertThat(plan.endedHolds()).extracting(BatchPlan.EndedHold::id, BatchPlan.EndedHold::status).containsExactly(
                tuple(sooner.id(), ReservationStatus.EXPIRED), tuple(later.id(), ReservationStatus.EXPIRED));
        assertThat(plan.outcomes()).containsExactly(Outcome.REJECTED, Outcome.APPLIED);
        assertThat(plan.writes().get(0).entry().rejectionReason()).isEqualTo("reservation " + sooner.id() + " is expired, not active");
        assertThat(plan.changes()).extracting(InventoryChange::type, InventoryChange::version)
                .containsExactly(tuple(ChangeType.EXPIRE, 1L), tuple(ChangeType.EXPIRE, 2L), tuple(ChangeType.OUT, 3L));
        assertThat(plan.levels()).isEqualTo(Map.of(LEVEL, new Level(1, 1, 3)));
        assertThat(plan.audits()).extracting(AuditEntry::action, AuditEntry::userId)
                .containsExactly(tuple(AuditAction.RESERVATION_EXPIRED, BatchPlan.EXPIRY_ACTOR),
                        tuple(AuditAction.RESERVATION_EXPIRED, BatchPlan.EXPIRY_ACTOR));
    }

    @Test
    void aReleaseEndsAnActiveHoldOnceAndOtherwiseChangesNothing() {
        Hold hold = active(3, NOW.plusSeconds(60));
        BatchPlan plan = plan(List.of(release(hold.id()), release(hold.id()), release(UUID.randomUUID())),
                new Level(5, 3, 2), hold);

        assertThat(plan.outcomes()).containsExactly(Outcome.APPLIED, Outcome.UNCHANGED, Outcome.UNCHANGED);
        assertThat(plan.levels()).isEqualTo(Map.of(LEVEL, new Level(5, 0, 3)));
        assertThat(plan.changes()).extracting(InventoryChange::type, InventoryChange::movementId)
                .containsExactly(tuple(ChangeType.RELEASE, hold.id()));
    }

    @Test
    void aHoldAlreadyStoredOrEarlierInTheBatchIsADuplicateAndOneTheWorkerReachesTooLateIsRejected() {
        Hold stored = active(1, NOW.plusSeconds(60));
        CheckedHold again = reserve(stored.id(), 1, NOW.plusSeconds(60));
        CheckedHold twice = reserve(2);
        CheckedHold late = reserve(UUID.randomUUID(), 1, NOW);
        BatchPlan plan = plan(List.of(again, twice, twice, late), new Level(10, 1, 0), stored);

        assertThat(plan.outcomes()).containsExactly(Outcome.DUPLICATE, Outcome.APPLIED, Outcome.DUPLICATE, Outcome.REJECTED);
        assertThat(plan.newHolds()).extracting(BatchPlan.HoldWrite::position, BatchPlan.HoldWrite::rejection).containsExactly(
                tuple(1, null), tuple(3, "expired at " + NOW + " before the worker reached it"));
    }

    @Test
    void aCountSetsOnHandWhateverIsHeldAndNewHoldsAreRejectedUntilStockReturns() {
        BatchPlan plan = plan(List.of(count(2), reserve(1), sale(1, null)), new Level(10, 5, 0));

        assertThat(plan.outcomes()).containsExactly(Outcome.APPLIED, Outcome.REJECTED, Outcome.REJECTED);
        assertThat(plan.levels()).isEqualTo(Map.of(LEVEL, new Level(2, 5, 1)));
        assertThat(plan.newHolds().get(0).rejection()).isEqualTo("insufficient available stock: 2 on hand, 5 reserved, 1 requested");
    }

    @Test
    void aRefusedHoldIsRejectedWithItsRefusalWithoutALevel() {
        HoldRequest request = reserve(1).hold();
        BatchPlan plan = BatchPlan.of(List.of(new CheckedHold(request, "Store 1 not found")), Map.of(), Map.of(), Map.of(),
                Set.of(), false, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.REJECTED);
        assertThat(plan.newHolds().get(0).rejection()).isEqualTo("Store 1 not found");
        assertThat(plan.changes()).isEmpty();
    }
}
