--liquibase formatted sql

--changeset bazaar:005-low-stock
-- A level is low when it is at or under its threshold. The partial index holds exactly the low levels, so
-- listing a store's low stock reads only the rows it returns, and a level leaving or entering the set is one
-- index entry removed or added by the worker's update.
ALTER TABLE inventory_levels ADD COLUMN low_stock_threshold integer
    CONSTRAINT inventory_levels_low_stock_threshold_check CHECK (low_stock_threshold BETWEEN 0 AND 1000000);
CREATE INDEX inventory_levels_low_stock_idx ON inventory_levels (store_id, product_id)
    WHERE quantity <= low_stock_threshold;
--rollback DROP INDEX inventory_levels_low_stock_idx;
--rollback ALTER TABLE inventory_levels DROP COLUMN low_stock_threshold;
