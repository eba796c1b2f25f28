--liquibase formatted sql

--changeset bazaar:004-counts
-- Physical counts: type 'count' sets the level to quantity (which may be 0) and records the signed delta it
-- made, so delta is no longer a function of type and quantity for counts; a count's level minus a huge level
-- may leave int range, hence bigint. expected_quantity is a count's compare-and-set value.
ALTER TABLE stock_movements ALTER COLUMN delta TYPE bigint;
ALTER TABLE stock_movements ADD COLUMN expected_quantity integer;
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_type_check;
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_type_check CHECK (type IN ('in', 'out', 'manual', 'count'));
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_quantity_check;
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_quantity_check
    CHECK (quantity BETWEEN CASE type WHEN 'count' THEN 0 ELSE 1 END AND 1000000);
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_delta_check;
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_delta_check
    CHECK (type = 'count' OR delta = CASE type WHEN 'in' THEN quantity ELSE -quantity END);
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_expected_quantity_check
    CHECK (expected_quantity IS NULL OR (type = 'count' AND expected_quantity BETWEEN 0 AND 1000000));
--rollback ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_expected_quantity_check;
--rollback ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_delta_check;
--rollback ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_delta_check CHECK (delta = CASE type WHEN 'in' THEN quantity ELSE -quantity END);
--rollback ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_quantity_check;
--rollback ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_quantity_check CHECK (quantity BETWEEN 1 AND 1000000);
--rollback ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_type_check;
--rollback ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_type_check CHECK (type IN ('in', 'out', 'manual'));
--rollback ALTER TABLE stock_movements DROP COLUMN expected_quantity;
--rollback ALTER TABLE stock_movements ALTER COLUMN delta TYPE integer;
