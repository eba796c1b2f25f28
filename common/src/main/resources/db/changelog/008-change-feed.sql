--liquibase formatted sql

--changeset bazaar:008-change-feed
-- The change feed: one row per level change, numbered in commit order. A worker's transaction takes its numbers as its
-- last statement before commit, under feed_clock's single row lock (UPDATE ... RETURNING), and holds that lock until
-- it has committed: the next transaction gets higher numbers only after this one is visible, so no reader ever sees
-- a number before the smaller ones, and a rolled back transaction leaves no gap. Ledger ids and transaction ids are
-- taken earlier, in another order than commits (two transactions on different levels commit in either order).
CREATE TABLE feed_clock (
    id  boolean PRIMARY KEY DEFAULT true CONSTRAINT feed_clock_one_row CHECK (id),
    seq bigint  NOT NULL
);
CREATE TABLE inventory_changes (
    seq         bigint      PRIMARY KEY,
    store_id    bigint      NOT NULL,
    product_id  bigint      NOT NULL,
    quantity    bigint      NOT NULL,
    delta       bigint      NOT NULL,
    movement_id uuid        NOT NULL,
    type        varchar(12) NOT NULL,
    applied_at  timestamptz NOT NULL
);
CREATE INDEX inventory_changes_store_idx ON inventory_changes (store_id, seq);
-- The changes applied before the feed existed, in ledger order, which is apply order for each level (a level's
-- movements are applied under its row lock, and their ledger ids taken under it).
INSERT INTO inventory_changes (seq, store_id, product_id, quantity, delta, movement_id, type, applied_at)
SELECT row_number() OVER (ORDER BY id), store_id, product_id,
       sum(delta) OVER (PARTITION BY store_id, product_id ORDER BY id), delta, movement_id, type, applied_at
FROM stock_movements WHERE status = 'applied';
INSERT INTO feed_clock (seq) SELECT count(*) FROM inventory_changes;
--rollback DROP TABLE inventory_changes;
--rollback DROP TABLE feed_clock;
