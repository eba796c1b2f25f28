--liquibase formatted sql

--changeset bazaar:009-reservations
-- Holds on stock (see com.bazaar.reservation). Like the ledger, store_id and product_id carry no foreign key: a hold a
-- queue producer sent for an unknown store or product is kept as 'rejected' so that its producer can see why.
-- created_at is the acceptance time (the service's, or SQS's for other producers); applied_at when the worker decided.
CREATE TABLE reservations (
    id               uuid         PRIMARY KEY,
    store_id         bigint       NOT NULL,
    product_id       bigint       NOT NULL,
    quantity         integer      NOT NULL,
    reference        varchar(255),
    status           varchar(10)  NOT NULL,
    expires_at       timestamptz  NOT NULL,
    created_at       timestamptz  NOT NULL,
    applied_at       timestamptz  NOT NULL,
    ended_at         timestamptz,
    rejection_reason varchar(500),
    movement_id      uuid,
    actor            varchar(255) NOT NULL,
    source           varchar(10)  NOT NULL,
    request_id       varchar(128),
    CONSTRAINT reservations_quantity_check CHECK (quantity BETWEEN 1 AND 1000000),
    CONSTRAINT reservations_status_check CHECK (status IN ('active', 'rejected', 'consumed', 'released', 'expired')),
    CONSTRAINT reservations_rejection_check CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL)),
    CONSTRAINT reservations_ended_check CHECK ((status IN ('consumed', 'released', 'expired')) = (ended_at IS NOT NULL)),
    CONSTRAINT reservations_consumed_check CHECK ((status = 'consumed') = (movement_id IS NOT NULL)),
    CONSTRAINT reservations_source_check CHECK (source IN ('api', 'sqs'))
);
-- The expiry sweep reads exactly the active holds, soonest first.
CREATE INDEX reservations_due_idx ON reservations (expires_at) WHERE status = 'active';
-- A level's active holds, read under its lock when the batch expires what is due.
CREATE INDEX reservations_level_active_idx ON reservations (store_id, product_id) WHERE status = 'active';
-- A store's list, newest first (keyset on created_at, id).
CREATE INDEX reservations_store_created_idx ON reservations (store_id, created_at DESC, id DESC);

-- An out that consumed (or tried to consume) a hold names it.
ALTER TABLE stock_movements ADD COLUMN reservation_id uuid;

-- reserved: the sum of the level's active holds. version: how many changes the level has had, each a feed row.
ALTER TABLE inventory_levels ADD COLUMN reserved bigint NOT NULL DEFAULT 0;
ALTER TABLE inventory_levels ADD CONSTRAINT inventory_levels_reserved_check CHECK (reserved >= 0);
ALTER TABLE inventory_levels ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- A feed row's movement_id is the movement's, or for a reserve, release or expire the hold's id.
ALTER TABLE inventory_changes ADD COLUMN reserved bigint NOT NULL DEFAULT 0;
ALTER TABLE inventory_changes ADD COLUMN reserved_delta bigint NOT NULL DEFAULT 0;
ALTER TABLE inventory_changes ADD COLUMN version bigint;
-- The changes so far, numbered per level in feed order (the order they applied in), and each level's count.
UPDATE inventory_changes c SET version = v.version
FROM (SELECT seq, row_number() OVER (PARTITION BY store_id, product_id ORDER BY seq) AS version FROM inventory_changes) v
WHERE c.seq = v.seq;
ALTER TABLE inventory_changes ALTER COLUMN version SET NOT NULL;
UPDATE inventory_levels l SET version = c.version
FROM (SELECT store_id, product_id, max(version) AS version FROM inventory_changes GROUP BY store_id, product_id) c
WHERE l.store_id = c.store_id AND l.product_id = c.product_id;
--rollback ALTER TABLE inventory_changes DROP COLUMN version;
--rollback ALTER TABLE inventory_changes DROP COLUMN reserved_delta;
--rollback ALTER TABLE inventory_changes DROP COLUMN reserved;
--rollback ALTER TABLE inventory_levels DROP COLUMN version;
--rollback ALTER TABLE inventory_levels DROP CONSTRAINT inventory_levels_reserved_check;
--rollback ALTER TABLE inventory_levels DROP COLUMN reserved;
--rollback ALTER TABLE stock_movements DROP COLUMN reservation_id;
--rollback DROP TABLE reservations;
