--liquibase formatted sql

--changeset bazaar:013-movement-imports
-- A CSV import of movements (POST /stores/{id}/stock-movements/import): the movement ids of its rows in file order,
-- so that GET /imports/{id} counts how many of them the ledger has applied or rejected. Written once, after every row
-- is on the queue; a repeat upload under the same Idempotency-Key has the same id and keeps the first record.
CREATE TABLE movement_imports (
    id           uuid         PRIMARY KEY,
    store_id     bigint       NOT NULL REFERENCES stores (id),
    movement_ids uuid[]       NOT NULL,
    actor        varchar(255) NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON movement_imports TO bazaar_application;
--rollback DROP TABLE movement_imports;
