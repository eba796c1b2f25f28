package com.bazaar.worker.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditEntry;
import com.bazaar.feed.ChangeType;
import com.bazaar.feed.InventoryChange;
import com.bazaar.movement.Movement;
import com.bazaar.movement.MovementSource;
import com.bazaar.movement.MovementStatus;
import com.bazaar.movement.MovementType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final LevelKey LEVEL = new LevelKey(1, 2);

    static Movement movement(MovementType type, int quantity) {
        return count(type, quantity, null);
    }

    static Movement count(MovementType type, int quantity, Integer expectedQuantity) {
        return new Movement(UUID.randomUUID(), LEVEL.storeId(), LEVEL.productId(), type, quantity, expectedQuantity, NOW,
                "clerk", null, MovementSource.API, "req-1", NOW, null, null, null);
    }

    static final LevelKey DESTINATION = new LevelKey(5, 2);

    static Movement transfer(int quantity) {
        return new Movement(UUID.randomUUID(), LEVEL.storeId(), LEVEL.productId(), MovementType.TRANSFER_OUT, quantity, null,
                NOW, "clerk", "rebalance", MovementSource.API, "req-1", NOW, DESTINATION.storeId(), null, null);
    }

    /** A plan of levels that hold nothing and have had no change yet. */
    static BatchPlan plan(List<? extends Checked> batch, Map<LevelKey, Long> onHand, Map<LevelKey, Integer> thresholds,
                          Set<UUID> inLedger, boolean allowNegativeStock, Instant now) {
        Map<LevelKey, Level> found = new HashMap<>();
        onHand.forEach((key, quantity) -> found.put(key, new Level(quantity, 0, 0)));
        return BatchPlan.of(batch, found, thresholds, Map.of(), inLedger, allowNegativeStock, now);
    }

    static Map<LevelKey, Long> onHand(BatchPlan plan) {
        Map<LevelKey, Long> onHand = new HashMap<>();
        plan.levels().forEach((key, level) -> onHand.put(key, level.onHand()));
        return onHand;
    }

    static List<CheckedMovement> checked(Movement... movements) {
        return List.of(movements).stream().map(m -> new CheckedMovement(m, null)).toList();
    }

    @Test
    void movementsApplyInQueueOrderEachSeeingTheLevelTheOneBeforeLeft() {
        BatchPlan plan = plan(checked(movement(MovementType.IN, 5), movement(MovementType.OUT, 7),
                movement(MovementType.MANUAL, 2)), Map.of(LEVEL, 3L), Map.of(), Set.of(), false, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.REJECTED);
        assertThat(onHand(plan)).isEqualTo(Map.of(LEVEL, 1L));
        assertThat(plan.changes()).as("the change feed's rows: the applied ones, in order, with the level after each")
                .extracting(InventoryChange::type, InventoryChange::delta, InventoryChange::quantity)
                .containsExactly(tuple(ChangeType.IN, 5L, 8L), tuple(ChangeType.OUT, -7L, 1L));
        assertThat(plan.writes()).extracting(w -> w.audit().details().get("quantityBefore"),
                w -> w.audit().details().get("quantityAfter")).containsExactly(
                tuple(3L, 8L), tuple(8L, 1L),
                tuple(1L, 1L));
    }

    @Test
    void aMovementLargerThanTheStockIsRejectedWithBothNumbersAndChangesNothing() {
        BatchPlan plan = plan(checked(movement(MovementType.OUT, 8)), Map.of(LEVEL, 7L), Map.of(), Set.of(), false, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.REJECTED);
        assertThat(plan.levels()).isEmpty();
        BatchPlan.Write write = plan.writes().get(0);
        assertThat(write.entry().status()).isEqualTo(MovementStatus.REJECTED);
        assertThat(write.entry().rejectionReason()).isEqualTo("insufficient stock: 7 on hand, 8 requested");
        assertThat(write.entry().appliedAt()).isNull();
        assertThat(write.audit().action()).isEqualTo(AuditAction.MOVEMENT_REJECTED);
    }

    @Test
    void negativeStockIsAllowedWhenConfigured() {
        BatchPlan plan = plan(checked(movement(MovementType.OUT, 8)), Map.of(LEVEL, 7L), Map.of(), Set.of(), true, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.APPLIED);
        assertThat(onHand(plan)).isEqualTo(Map.of(LEVEL, -1L));
        assertThat(plan.writes().get(0).entry().appliedAt()).isEqualTo(NOW);
    }

    @Test
    void aMovementAlreadyInTheLedgerOrRepeatedInTheBatchIsADuplicateAndWritesNothing() {
        Movement seen = movement(MovementType.IN, 5);
        Movement twice = movement(MovementType.IN, 2);
        BatchPlan plan = plan(checked(seen, twice, twice), Map.of(LEVEL, 0L), Map.of(), Set.of(seen.movementId()), false, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.DUPLICATE, Outcome.APPLIED, Outcome.DUPLICATE);
        assertThat(plan.writes()).extracting(BatchPlan.Write::position).containsExactly(1);
        assertThat(onHand(plan)).isEqualTo(Map.of(LEVEL, 2L));
    }

    @Test
    void aRefusedMovementIsRejectedWithItsRefusalWithoutLookingAtTheStock() {
        Movement movement = movement(MovementType.IN, 5);
        BatchPlan plan = plan(List.of(new CheckedMovement(movement, "Store 1 not found")), Map.of(), Map.of(), Set.of(),
                false, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.REJECTED);
        assertThat(plan.writes().get(0).entry().rejectionReason()).isEqualTo("Store 1 not found");
        assertThat(plan.writes().get(0).audit().details()).containsEntry("quantityBefore", null)
                .containsEntry("quantityAfter", null);
    }

    @Test
    void aCountSetsTheLevelAndRecordsTheChangeItMadeAndTheMovementsAfterItStartFromIt() {
        BatchPlan plan = plan(checked(count(MovementType.COUNT, 4, null), movement(MovementType.OUT, 3),
                count(MovementType.COUNT, 0, null)), Map.of(LEVEL, 10L), Map.of(), Set.of(), false, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED);
        assertThat(plan.writes()).extracting(w -> w.entry().delta()).containsExactly(-6L, -3L, -1L);
        assertThat(onHand(plan)).isEqualTo(Map.of(LEVEL, 0L));
    }

    @Test
    void aCountWithTheExpectedQuantityApplies() {
        BatchPlan plan = plan(checked(count(MovementType.COUNT, 12, 7)), Map.of(LEVEL, 7L), Map.of(), Set.of(), false, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.APPLIED);
        assertThat(onHand(plan)).isEqualTo(Map.of(LEVEL, 12L));
        assertThat(plan.writes().get(0).audit().details()).extracting("expectedQuantity", "quantityBefore", "quantityAfter")
                .containsExactly(7, 7L, 12L);
    }

    @Test
    void aCountExpectingAnotherLevelIsRejectedNamingBothAndChangesNothing() {
        BatchPlan plan = plan(checked(movement(MovementType.IN, 2), count(MovementType.COUNT, 12, 7)),
                Map.of(LEVEL, 7L), Map.of(), Set.of(), false, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.APPLIED, Outcome.REJECTED);
        assertThat(plan.writes().get(1).entry().rejectionReason()).isEqualTo("count expected 7 on hand, found 9");
        assertThat(plan.writes().get(1).entry().delta()).isEqualTo(3L);
        assertThat(onHand(plan)).isEqualTo(Map.of(LEVEL, 9L));
    }

    @Test
    void aRefusedCountRecordsNoChange() {
        BatchPlan plan = plan(List.of(new CheckedMovement(count(MovementType.COUNT, 5, null), "Store 1 not found")),
                Map.of(), Map.of(), Set.of(), false, NOW);

        assertThat(plan.writes().get(0).entry().delta()).isZero();
    }

    @Test
    void eachMovementThatTakesALevelFromAboveItsThresholdToAtOrUnderItRaisesOneAlert() {
        BatchPlan plan = plan(checked(movement(MovementType.OUT, 5), movement(MovementType.OUT, 1),
                        movement(MovementType.IN, 10), count(MovementType.COUNT, 5, null)),
                Map.of(LEVEL, 10L), Map.of(LEVEL, 5), Set.of(), false, NOW);

        assertThat(plan.audits()).hasSize(2);
        assertThat(plan.audits()).extracting(AuditEntry::action).containsOnly(AuditAction.LOW_STOCK_REACHED);
        assertThat(plan.audits()).extracting(a -> (Object) a.details().get("quantity")).containsExactly(5L, 5L);
        assertThat(plan.audits().get(0).entityId()).isEqualTo("1:2");
    }

    @Test
    void noThresholdNoAlert() {
        BatchPlan plan = plan(checked(movement(MovementType.OUT, 10)), Map.of(LEVEL, 10L), Map.of(), Set.of(),
                false, NOW);

        assertThat(plan.audits()).isEmpty();
    }

    @Test
    void aTransferAppliesBothLegsCarryingItsIdOrNeither() {
        Movement transfer = transfer(4);
        BatchPlan plan = plan(checked(transfer), Map.of(LEVEL, 10L, DESTINATION, 1L), Map.of(), Set.of(), false, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.APPLIED);
        assertThat(onHand(plan)).isEqualTo(Map.of(LEVEL, 6L, DESTINATION, 5L));
        assertThat(plan.writes()).extracting(w -> w.position(), w -> w.entry().movement().type(), w -> w.entry().delta(),
                w -> w.entry().movement().transferId(), w -> w.audit().details().get("transferId")).containsExactly(
                tuple(0, MovementType.TRANSFER_OUT, -4L, transfer.movementId(), transfer.movementId().toString()),
                tuple(0, MovementType.TRANSFER_IN, 4L, transfer.movementId(), transfer.movementId().toString()));
        assertThat(plan.writes()).extracting(w -> w.entry().movement().movementId()).containsExactly(
                TransferLegs.legId(transfer.movementId(), MovementType.TRANSFER_OUT),
                TransferLegs.legId(transfer.movementId(), MovementType.TRANSFER_IN));

        BatchPlan short_ = plan(checked(transfer(11)), Map.of(LEVEL, 10L, DESTINATION, 1L), Map.of(), Set.of(), false, NOW);

        assertThat(short_.outcomes()).containsExactly(Outcome.REJECTED);
        assertThat(short_.levels()).isEmpty();
        assertThat(short_.writes()).extracting(w -> w.entry().status(), w -> w.entry().rejectionReason()).containsOnly(
                tuple(MovementStatus.REJECTED, "transfer from store 1: insufficient stock: 10 on hand, 11 requested"));
        assertThat(short_.writes()).hasSize(2);
        assertThat(short_.changes()).isEmpty();
        assertThat(plan.changes()).extracting(InventoryChange::storeId, InventoryChange::quantity, InventoryChange::delta)
                .containsExactly(tuple(LEVEL.storeId(), 6L, -4L), tuple(DESTINATION.storeId(), 5L, 4L));
    }

    @Test
    void aTransferSeesTheSourceLevelTheMovementsBeforeItLeftAndIsADuplicateOnceItsFirstLegIsInTheLedger() {
        Movement sale = movement(MovementType.OUT, 3);
        Movement transfer = transfer(8);
        BatchPlan plan = plan(checked(sale, transfer), Map.of(LEVEL, 10L, DESTINATION, 0L), Map.of(), Set.of(), false, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.APPLIED, Outcome.REJECTED);

        BatchPlan again = plan(checked(transfer), Map.of(LEVEL, 10L, DESTINATION, 0L), Map.of(),
                Set.of(TransferLegs.legId(transfer.movementId(), MovementType.TRANSFER_OUT)), false, NOW);

        assertThat(again.outcomes()).containsExactly(Outcome.DUPLICATE);
        assertThat(again.writes()).isEmpty();
    }

    @Test
    void aRefusedTransferRejectsBothLegsWithoutSeeingALevel() {
        BatchPlan plan = plan(List.of(new CheckedMovement(transfer(1), "store 5 does not exist")), Map.of(), Map.of(),
                Set.of(), false, NOW);

        assertThat(plan.outcomes()).containsExactly(Outcome.REJECTED);
        assertThat(plan.writes()).extracting(w -> w.entry().rejectionReason(), w -> w.audit().details().get("quantityBefore"))
                .containsExactly(tuple("store 5 does not exist", null), tuple("store 5 does not exist", null));
    }
}
