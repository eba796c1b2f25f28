--liquibase formatted sql

--changeset bazaar:010-audit-chain splitStatements:false
-- The audit log's hash chain (com.bazaar.audit.AuditChain defines a row's canonical content and link). audit_chain is
-- its head: the last row's id and hash. A writer locks the head as it starts writing audit rows and keeps the lock
-- until it commits, and gives its rows the ids after the head's: ids, and so the chain's order, are commit order, with
-- no gaps from here on (the head rolls back with a failed transaction, which an identity sequence would not). A
-- second lock beside the feed clock rather than the feed clock itself because the service writes audit rows (catalog
-- changes, thresholds) in transactions that change no level; the worker takes the head before the feed clock.
ALTER TABLE audit_logs ADD COLUMN hash varchar(64);
CREATE TABLE audit_chain (
    id      boolean     PRIMARY KEY DEFAULT true CONSTRAINT audit_chain_one_row CHECK (id),
    last_id bigint      NOT NULL,
    hash    varchar(64) NOT NULL
);
-- The rows written before the chain, chained in id order (the same canonical content as AuditChain's, in SQL).
DO $$
DECLARE
    r        record;
    field    text;
    content  text;
    previous varchar(64) := repeat('0', 64);
    last     bigint := 0;
BEGIN
    FOR r IN SELECT id, timestamp, user_id, action_type, entity_type, entity_id, CAST(details AS text) AS details
             FROM audit_logs ORDER BY id LOOP
        content := '';
        FOREACH field IN ARRAY ARRAY[CAST(r.id AS text),
                                     to_char(r.timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                     r.user_id, r.action_type, r.entity_type, r.entity_id, r.details] LOOP
            content := content || octet_length(convert_to(field, 'UTF8')) || ':' || field || E'\n';
        END LOOP;
        previous := encode(sha256(convert_to(previous || content, 'UTF8')), 'hex');
        UPDATE audit_logs SET hash = previous WHERE id = r.id;
        last := r.id;
    END LOOP;
    INSERT INTO audit_chain (last_id, hash) VALUES (last, previous);
END
$$;
ALTER TABLE audit_logs ALTER COLUMN hash SET NOT NULL;
-- Ids come from the head now; an insert that does not name one is refused rather than numbered out of the chain.
ALTER TABLE audit_logs ALTER COLUMN id DROP IDENTITY;
--rollback ALTER TABLE audit_logs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
--rollback SELECT setval(pg_get_serial_sequence('audit_logs', 'id'), (SELECT max(id) FROM audit_logs));
--rollback DROP TABLE audit_chain;
--rollback ALTER TABLE audit_logs DROP COLUMN hash;

--changeset bazaar:010-append-only splitStatements:false
-- The audit log and the ledger are append-only: nothing in the application updates or deletes their rows (a
-- movement's status is decided before its row is written, a transfer's two legs are inserted together), so every
-- UPDATE, DELETE and TRUNCATE of them is refused, whoever asks. A superuser (or the tables' owner) can still switch
-- the triggers off deliberately (ALTER TABLE ... DISABLE TRIGGER, session_replication_role = replica); the
-- application's role can do neither (it owns nothing and lacks UPDATE and DELETE on these tables), and the audit
-- chain shows what such a session changed.
CREATE FUNCTION bazaar_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege', HINT = 'see docs/OPERATIONS.md, "Append-only history"';
END
$$;
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION bazaar_append_only();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
    FOR EACH STATEMENT EXECUTE FUNCTION bazaar_append_only();
CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements
    FOR EACH ROW EXECUTE FUNCTION bazaar_append_only();
CREATE TRIGGER stock_movements_no_truncate BEFORE TRUNCATE ON stock_movements
    FOR EACH STATEMENT EXECUTE FUNCTION bazaar_append_only();
--rollback DROP TRIGGER stock_movements_no_truncate ON stock_movements;
--rollback DROP TRIGGER stock_movements_append_only ON stock_movements;
--rollback DROP TRIGGER audit_logs_no_truncate ON audit_logs;
--rollback DROP TRIGGER audit_logs_append_only ON audit_logs;
--rollback DROP FUNCTION bazaar_append_only();

--changeset bazaar:010-application-role splitStatements:false
-- What the service and the worker may do, granted to the group role bazaar_application: their login role (a member of
-- it) owns nothing, so it cannot change the schema or switch a trigger off, and it may not update or delete audit or
-- ledger rows even with the triggers off. Created here when missing (the migrating role needs CREATEROLE for that;
-- docs/OPERATIONS.md, "Database roles", creates it beforehand). Every later migration grants what its new tables need.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bazaar_application') THEN
        CREATE ROLE bazaar_application NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO bazaar_application;
GRANT SELECT, INSERT, UPDATE ON stores, products, inventory_levels, reservations TO bazaar_application;
GRANT SELECT, INSERT ON stock_movements, audit_logs, inventory_changes TO bazaar_application;
GRANT SELECT, UPDATE ON feed_clock, audit_chain TO bazaar_application;
--rollback REVOKE ALL ON stores, products, inventory_levels, reservations, stock_movements, audit_logs, inventory_changes, feed_clock, audit_chain FROM bazaar_application;
--rollback REVOKE USAGE ON SCHEMA public FROM bazaar_application;
