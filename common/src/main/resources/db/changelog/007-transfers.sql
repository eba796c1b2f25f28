--liquibase formatted sql

--changeset bazaar:007-transfers
-- A transfer is two ledger rows written in one transaction, transfer_out at the source and transfer_in at the
-- destination, both carrying the transfer's id (a rejected transfer: both rows rejected, no level changed).
ALTER TABLE stock_movements ALTER COLUMN type TYPE varchar(12);
ALTER TABLE stock_movements ADD COLUMN transfer_id uuid;
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_type_check;
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_type_check
    CHECK (type IN ('in', 'out', 'manual', 'count', 'transfer_out', 'transfer_in'));
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_delta_check;
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_delta_check
    CHECK (type = 'count' OR delta = CASE WHEN type IN ('in', 'transfer_in') THEN quantity ELSE -quantity END);
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_transfer_check
    CHECK ((transfer_id IS NOT NULL) = (type IN ('transfer_out', 'transfer_in')));
CREATE INDEX stock_movements_transfer_idx ON stock_movements (transfer_id) WHERE transfer_id IS NOT NULL;
--rollback DROP INDEX stock_movements_transfer_idx;
--rollback ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_transfer_check;
--rollback ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_delta_check;
--rollback ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_delta_check CHECK (type = 'count' OR delta = CASE type WHEN 'in' THEN quantity ELSE -quantity END);
--rollback ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_type_check;
--rollback ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_type_check CHECK (type IN ('in', 'out', 'manual', 'count'));
--rollback ALTER TABLE stock_movements DROP COLUMN transfer_id;
--rollback ALTER TABLE stock_movements ALTER COLUMN type TYPE varchar(10);
