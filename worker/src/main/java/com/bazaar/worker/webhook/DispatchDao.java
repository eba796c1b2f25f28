package com.bazaar.worker.webhook;

import com.bazaar.feed.ChangeType;
import com.bazaar.feed.InventoryChange;
import com.bazaar.webhook.WebhookSequence;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The dispatcher's statements on webhook_subscriptions (migration 011). A subscription is delivered only under a
 * lease: claimed with {@code FOR UPDATE SKIP LOCKED} (two dispatchers never claim the same row), held until
 * {@code lease_until} by the database's clock and renewed by each delivery, and every later update names the
 * claim's token (a new one each claim), so a dispatcher that lost its lease (it stalled, the subscription was deleted) changes nothing.
 */
@RegisterConstructorMapper(Claim.class)
@RegisterConstructorMapper(DispatchDao.EntryRow.class)
public interface DispatchDao {

    /**
     * Up to {@code limit} active subscriptions that are due, unleased (or whose lease ran out) and behind
     * {@code pastHead}, the position past the feed's last entry.
     */
    @SqlQuery("""
            UPDATE webhook_subscriptions s
            SET lease_token = gen_random_uuid(), lease_until = now() + CAST(:leaseMillis AS bigint) * interval '1 millisecond'
            WHERE s.id IN (SELECT id FROM webhook_subscriptions
                           WHERE status = 'active' AND next_attempt_at <= :now
                             AND (lease_until IS NULL OR lease_until < now())
                             AND position < :pastHead
                           ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING s.id, s.url, s.events, s.store_id, s.secret, s.position, s.attempts, s.failing_since, s.lease_token
            """)
    List<Claim> claim(int limit, long leaseMillis, Instant now, long pastHead);

    /** The feed's last committed number: every entry up to it is visible (see migration 008). */
    @SqlQuery("SELECT seq FROM feed_clock")
    long head();

    /** A feed entry with the threshold its movement reached, if it made the level low. */
    record EntryRow(long seq, long storeId, long productId, long quantity, long reservedQuantity, long availableQuantity,
                    long delta, long reservedDelta, long version, UUID movementId, ChangeType type, Instant appliedAt,
                    Integer lowStockThreshold) {
        FeedEntry entry() {
            return new FeedEntry(new InventoryChange(seq, storeId, productId, quantity, reservedQuantity, availableQuantity,
                    delta, reservedDelta, version, movementId, type, appliedAt), lowStockThreshold);
        }
    }

    /** Entries {@code from..head} of the store (all stores when null), oldest first; stock.low looked up only if asked. */
    @SqlQuery("""
            SELECT c.seq, c.store_id, c.product_id, c.quantity, c.reserved AS reserved_quantity,
                   c.quantity - c.reserved AS available_quantity, c.delta, c.reserved_delta, c.version, c.movement_id,
                   c.type, c.applied_at, low.threshold AS low_stock_threshold
            FROM inventory_changes c
            LEFT JOIN LATERAL (SELECT CAST(a.details ->> 'lowStockThreshold' AS integer) AS threshold FROM audit_logs a
                               WHERE :lowStock AND a.entity_type = 'inventory_level'
                                 AND a.entity_id = c.store_id || ':' || c.product_id AND a.action_type = 'LOW_STOCK_REACHED'
                                 AND a.details ->> 'movementId' = CAST(c.movement_id AS text)
                               LIMIT 1) low ON true
            WHERE c.seq >= :from AND c.seq <= :head AND (CAST(:storeId AS bigint) IS NULL OR c.store_id = :storeId)
            ORDER BY c.seq LIMIT :limit
            """)
    List<EntryRow> entryRows(long from, long head, Long storeId, boolean lowStock, int limit);

    default List<FeedEntry> entries(long from, long head, Long storeId, boolean lowStock, int limit) {
        return entryRows(from, head, storeId, lowStock, limit).stream().map(EntryRow::entry).toList();
    }

    /** Every subscription's state for the monitor; {@code slots} is WebhookSequence's events per feed entry. */
    @SqlQuery("""
            SELECT s.id, s.url, s.status, s.failing_since,
                   COALESCE(EXTRACT(EPOCH FROM now() - (SELECT c.applied_at FROM inventory_changes c
                                                        WHERE c.seq > s.position / :slots
                                                          AND (s.store_id IS NULL OR c.store_id = s.store_id)
                                                        ORDER BY c.seq LIMIT 1)), 0) AS seconds_behind
            FROM webhook_subscriptions s ORDER BY s.created_at, s.id
            """)
    @RegisterConstructorMapper(SubscriptionState.class)
    List<SubscriptionState> statesPer(int slots);

    default List<SubscriptionState> states() {
        return statesPer(WebhookSequence.SLOTS);
    }

    /** After a 2xx: the position moves to the event, its retry state is cleared and the lease renewed. */
    @SqlUpdate("""
            UPDATE webhook_subscriptions
            SET position = :sequence, attempts = 0, failing_since = NULL,
                lease_until = now() + CAST(:leaseMillis AS bigint) * interval '1 millisecond'
            WHERE id = :id AND lease_token = :token
            """)
    int delivered(UUID id, UUID token, long sequence, long leaseMillis);

    @SqlUpdate("UPDATE webhook_subscriptions SET lease_until = now() + CAST(:leaseMillis AS bigint) * interval '1 millisecond' "
            + "WHERE id = :id AND lease_token = :token")
    int renew(UUID id, UUID token, long leaseMillis);

    /**
     * Ends the claim: the position moves past entries with no event for it (never back), and the subscription goes
     * to the back of the due ones so that others get their turn.
     */
    @SqlUpdate("""
            UPDATE webhook_subscriptions
            SET position = GREATEST(position, :position), next_attempt_at = :now, lease_token = NULL, lease_until = NULL
            WHERE id = :id AND lease_token = :token
            """)
    int release(UUID id, UUID token, long position, Instant now);

    /** After a failure: its retry state, and the lease ended. */
    @SqlUpdate("""
            UPDATE webhook_subscriptions
            SET attempts = :attempts, failing_since = :failingSince, next_attempt_at = :nextAttemptAt, status = :status,
                lease_token = NULL, lease_until = NULL
            WHERE id = :id AND lease_token = :token
            """)
    int failed(UUID id, UUID token, int attempts, Instant failingSince, Instant nextAttemptAt, String status);

    @SqlUpdate("""
            INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, sequence, attempt, status_code, error,
                                            duration_ms, attempted_at)
            SELECT :id, :eventId, :eventType, :sequence, :attempt, :statusCode, :error, :durationMs, :attemptedAt
            WHERE EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = :id)
            """)
    void insertAttempt(UUID id, UUID eventId, String eventType, long sequence, int attempt, Integer statusCode, String error,
                       long durationMs, Instant attemptedAt);

    @SqlUpdate("""
            DELETE FROM webhook_deliveries WHERE subscription_id = :id
              AND id <= (SELECT id FROM webhook_deliveries WHERE subscription_id = :id ORDER BY id DESC OFFSET :keep LIMIT 1)
            """)
    void trimAttempts(UUID id, int keep);

    /** Records an attempt and keeps the last {@code keep} of the subscription. */
    @Transaction
    default void record(UUID id, WebhookEventBody event, Attempt attempt, int attemptNumber, int keep) {
        insertAttempt(id, event.id(), event.type().toString(), event.sequence(), attemptNumber, attempt.statusCode(),
                attempt.error(), attempt.durationMillis(), attempt.at());
        trimAttempts(id, keep);
    }
}
