--liquibase formatted sql

--changeset bazaar:006-catalog-versions
-- Each update of a product or store bumps its version: the strong ETag of GET and PATCH, and what If-Match
-- compares against under the row lock.
ALTER TABLE products ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE stores ADD COLUMN version bigint NOT NULL DEFAULT 1;
--rollback ALTER TABLE stores DROP COLUMN version;
--rollback ALTER TABLE products DROP COLUMN version;

--changeset bazaar:006-catalog-changed-notify splitStatements:false
-- Every committed update of a product or store tells each service instance to drop its cached copy: NOTIFY is
-- delivered at commit, to the listeners of channel bazaar_catalog (CatalogChange in the code reads the payload
-- '<table>:<id>'). A trigger, so that no write path (nor an operator's SQL) can forget it.
CREATE FUNCTION bazaar_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bazaar_catalog', TG_TABLE_NAME || ':' || NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER products_changed AFTER UPDATE ON products FOR EACH ROW EXECUTE FUNCTION bazaar_catalog_changed();
CREATE TRIGGER stores_changed AFTER UPDATE ON stores FOR EACH ROW EXECUTE FUNCTION bazaar_catalog_changed();
--rollback DROP TRIGGER stores_changed ON stores;
--rollback DROP TRIGGER products_changed ON products;
--rollback DROP FUNCTION bazaar_catalog_changed();
