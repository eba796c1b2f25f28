--liquibase formatted sql

--changeset bazaar:003-audit-logs
CREATE TABLE audit_logs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    timestamp   timestamptz  NOT NULL DEFAULT now(),
    user_id     varchar(255) NOT NULL,
    action_type varchar(50)  NOT NULL,
    entity_type varchar(50)  NOT NULL,
    entity_id   varchar(64)  NOT NULL,
    details     jsonb        NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_logs_timestamp_idx ON audit_logs (timestamp DESC, id DESC);
CREATE INDEX audit_logs_entity_idx ON audit_logs (entity_type, entity_id, timestamp DESC, id DESC);
CREATE INDEX audit_logs_user_idx ON audit_logs (user_id, timestamp DESC, id DESC);
CREATE INDEX audit_logs_action_idx ON audit_logs (action_type, timestamp DESC, id DESC);
--rollback DROP TABLE audit_logs;
