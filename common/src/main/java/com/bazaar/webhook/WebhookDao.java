package com.bazaar.webhook;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditDao;
import com.bazaar.audit.AuditEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Webhook subscriptions as the API manages them (migration 011); the dispatcher's own statements are its DAO's. */
@RegisterConstructorMapper(Subscription.Row.class)
@RegisterConstructorMapper(Delivery.class)
public interface WebhookDao {
    String COLUMNS = "id, url, events, store_id, status, created_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM webhook_subscriptions ORDER BY created_at, id")
    List<Subscription.Row> rows();

    @SqlQuery("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE id = :id")
    Optional<Subscription.Row> row(UUID id);

    @SqlQuery("SELECT seq FROM feed_clock")
    long feedHead();

    @SqlQuery("INSERT INTO webhook_subscriptions (id, url, events, store_id, status, secret, position) "
            + "VALUES (:id, :url, :events, :storeId, 'active', :secret, :position) RETURNING " + COLUMNS)
    Subscription.Row insert(UUID id, String url, String[] events, Long storeId, byte[] secret, long position);

    @SqlQuery("DELETE FROM webhook_subscriptions WHERE id = :id RETURNING " + COLUMNS)
    Optional<Subscription.Row> deleteRow(UUID id);

    /** The status it had, if it exists; it is active afterwards, its next try due now and its retry count reset. */
    @SqlQuery("""
            UPDATE webhook_subscriptions s SET status = 'active', attempts = 0, failing_since = NULL, next_attempt_at = now()
            FROM (SELECT id, status FROM webhook_subscriptions WHERE id = :id FOR UPDATE) before
            WHERE s.id = before.id
            RETURNING before.status
            """)
    Optional<String> resumeRow(UUID id);

    @SqlQuery("""
            SELECT event_id, event_type, sequence, attempt, status_code, error, duration_ms, attempted_at
            FROM webhook_deliveries WHERE subscription_id = :id ORDER BY id DESC LIMIT :limit
            """)
    List<Delivery> deliveries(UUID id, int limit);


    @CreateSqlObject
    AuditDao audit();

    default List<Subscription> findAll() {
        return rows().stream().map(Subscription.Row::subscription).toList();
    }

    default Optional<Subscription> findById(UUID id) {
        return row(id).map(Subscription.Row::subscription);
    }

    /**
     * Stores a subscription that starts after the feed's last committed entry (a change committing meanwhile has a
     * later number, so it is delivered), with its WEBHOOK_CREATED audit row, in one transaction.
     */
    @Transaction
    default Subscription create(UUID id, String url, List<WebhookEvent> events, Long storeId, byte[] sealedSecret,
                                String userId) {
        Subscription created = insert(id, url, Subscription.names(events), storeId, sealedSecret,
                WebhookSequence.pastEntry(feedHead())).subscription();
        audit().record(List.of(new AuditEntry(userId, AuditAction.WEBHOOK_CREATED, id.toString(), values(created))));
        return created;
    }

    /** Removes it and its delivery record, with a WEBHOOK_DELETED audit row; false if there was none. */
    @Transaction
    default boolean delete(UUID id, String userId) {
        Optional<Subscription> deleted = deleteRow(id).map(Subscription.Row::subscription);
        deleted.ifPresent(s -> audit().record(List.of(new AuditEntry(userId, AuditAction.WEBHOOK_DELETED, id.toString(), values(s)))));
        return deleted.isPresent();
    }

    /** Makes it active again from its first undelivered event, with a WEBHOOK_RESUMED audit row. */
    @Transaction
    default Optional<Subscription> resume(UUID id, String userId) {
        Optional<String> before = resumeRow(id);
        before.ifPresent(status -> audit().record(List.of(new AuditEntry(userId, AuditAction.WEBHOOK_RESUMED, id.toString(),
                Map.of("statusBefore", status)))));
        return before.flatMap(status -> findById(id));
    }

    private static Map<String, Object> values(Subscription subscription) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", subscription.url());
        details.put("events", Subscription.names(subscription.events()));
        details.put("storeId", subscription.storeId());
        return details;
    }
}
