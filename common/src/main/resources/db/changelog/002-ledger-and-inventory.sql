--liquibase formatted sql

--changeset bazaar:002-stock-movements
-- The ledger. store_id and product_id carry no foreign key on purpose: a well-formed movement
-- for an unknown store or product is kept as a 'rejected' row so that its producer can see why.
CREATE TABLE stock_movements (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    movement_id      uuid         NOT NULL,
    store_id         bigint       NOT NULL,
    product_id       bigint       NOT NULL,
    type             varchar(10)  NOT NULL,
    quantity         integer      NOT NULL,
    delta            integer      NOT NULL,
    status           varchar(10)  NOT NULL,
    reason           varchar(500),
    rejection_reason varchar(500),
    actor            varchar(255) NOT NULL,
    source           varchar(10)  NOT NULL,
    request_id       varchar(128),
    occurred_at      timestamptz  NOT NULL,
    accepted_at      timestamptz,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    applied_at       timestamptz,
    CONSTRAINT stock_movements_movement_id_key UNIQUE (movement_id),
    CONSTRAINT stock_movements_type_check CHECK (type IN ('in', 'out', 'manual')),
    CONSTRAINT stock_movements_quantity_check CHECK (quantity BETWEEN 1 AND 1000000),
    CONSTRAINT stock_movements_delta_check CHECK (delta = CASE type WHEN 'in' THEN quantity ELSE -quantity END),
    CONSTRAINT stock_movements_status_check CHECK (status IN ('applied', 'rejected')),
    CONSTRAINT stock_movements_source_check CHECK (source IN ('api', 'sqs')),
    CONSTRAINT stock_movements_rejection_check CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
);
-- The report lists newest first by occurred_at (id breaks ties), filtered by status and optionally
-- by store, product, type and an occurred_at range.
CREATE INDEX stock_movements_status_occurred_idx ON stock_movements (status, occurred_at DESC, id DESC);
CREATE INDEX stock_movements_store_occurred_idx ON stock_movements (store_id, status, occurred_at DESC, id DESC);
CREATE INDEX stock_movements_product_occurred_idx ON stock_movements (product_id, status, occurred_at DESC, id DESC);
CREATE INDEX stock_movements_store_product_occurred_idx ON stock_movements (store_id, product_id, status, occurred_at DESC, id DESC);
CREATE INDEX stock_movements_type_occurred_idx ON stock_movements (type, status, occurred_at DESC, id DESC);
--rollback DROP TABLE stock_movements;

--changeset bazaar:002-inventory-levels
-- The aggregate of applied movements, so that inventory reads never scan the ledger. Whether a
-- level may go below zero is the worker's policy (configurable), enforced under the row lock.
CREATE TABLE inventory_levels (
    store_id   bigint      NOT NULL REFERENCES stores (id),
    product_id bigint      NOT NULL REFERENCES products (id),
    quantity   bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, product_id)
);
CREATE INDEX inventory_levels_product_idx ON inventory_levels (product_id);
--rollback DROP TABLE inventory_levels;
