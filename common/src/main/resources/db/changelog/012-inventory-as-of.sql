--liquibase formatted sql

--changeset bazaar:012-inventory-as-of
-- Inventory as of an instant (GET /stores/{id}/inventory?asOf=): each level's last change applied at or before it, one
-- index seek per level whatever the instant or the size of the feed. A batch's changes to one level share applied_at;
-- version orders them.
CREATE INDEX inventory_changes_level_time_idx ON inventory_changes (store_id, product_id, applied_at, version);
--rollback DROP INDEX inventory_changes_level_time_idx;
