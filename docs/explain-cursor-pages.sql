-- EXPLAIN (ANALYZE, BUFFERS) of page 1 and page 10,000 of GET /stock-movements?limit=20 followed by cursor, on a
-- 1,000,000-row ledger. Run against a scratch database migrated to the current schema (see README, "Reports"):
-- it empties the ledger first. The statements are LedgerDao's report and reportAfter with the filters unset.
\set ON_ERROR_STOP on
-- The ledger refuses TRUNCATE (migration 010) unless its triggers are off for the session: run this as a superuser.
SET session_replication_role = replica;
TRUNCATE stock_movements;
RESET session_replication_role;
INSERT INTO stores (name) SELECT 'Store ' || i FROM generate_series(1, 100) i ON CONFLICT DO NOTHING;
INSERT INTO products (name) SELECT 'Product ' || i FROM generate_series(1, 1000) i ON CONFLICT DO NOTHING;
INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status, actor, source,
                             occurred_at, accepted_at, applied_at)
SELECT gen_random_uuid(), 1 + i % 100, 1 + i % 1000, 'in', 1, 1, 'applied', 'generated', 'sqs',
       timestamptz '2026-11-01' + (i / 3) * interval '1 second', -- three movements per second: ties in occurred_at
       timestamptz '2026-11-01' + (i / 3) * interval '1 second', now()
FROM generate_series(1, 1000000) i;
VACUUM ANALYZE stock_movements;

-- Page 1: limit + 1 rows (the extra one only says that there is a next page).
EXPLAIN (ANALYZE, BUFFERS)
SELECT m.id, m.movement_id, m.store_id, m.product_id, s.name AS store_name, p.name AS product_name, m.type,
       m.quantity, m.expected_quantity, m.delta, m.status, m.reason, m.rejection_reason, m.actor, m.source, m.request_id,
       m.occurred_at, m.accepted_at, m.created_at, m.applied_at, m.transfer_id
FROM stock_movements m
LEFT JOIN stores s ON s.id = m.store_id
LEFT JOIN products p ON p.id = m.product_id
WHERE m.status = 'applied'
ORDER BY m.occurred_at DESC, m.id DESC LIMIT 21;

-- Page 10,000 starts after row 199,980: the cursor of page 9,999 is that row's (occurredAt, ledger id).
SELECT occurred_at AS cursor_at, id AS cursor_id FROM stock_movements WHERE status = 'applied'
ORDER BY occurred_at DESC, id DESC OFFSET 199979 LIMIT 1 \gset
EXPLAIN (ANALYZE, BUFFERS)
SELECT m.id, m.movement_id, m.store_id, m.product_id, s.name AS store_name, p.name AS product_name, m.type,
       m.quantity, m.expected_quantity, m.delta, m.status, m.reason, m.rejection_reason, m.actor, m.source, m.request_id,
       m.occurred_at, m.accepted_at, m.created_at, m.applied_at, m.transfer_id
FROM stock_movements m
LEFT JOIN stores s ON s.id = m.store_id
LEFT JOIN products p ON p.id = m.product_id
WHERE m.status = 'applied'
  AND (m.occurred_at, m.id) < (:'cursor_at', :cursor_id)
ORDER BY m.occurred_at DESC, m.id DESC LIMIT 21;
