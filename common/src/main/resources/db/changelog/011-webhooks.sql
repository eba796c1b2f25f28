--liquibase formatted sql

--changeset bazaar:011-webhooks
-- Webhook subscriptions: readers of the change feed, each with its own position in it. `position` is the sequence
-- (WebhookSequence: feed seq * 4 + event slot) of the last event delivered or passed over, so a subscription resumes
-- at the first event after it. `secret` is the signing secret sealed with AES-GCM under WEBHOOK_SECRET_KEY (12-byte
-- nonce, then ciphertext and tag; the id is the associated data): HMAC needs the secret itself, so it cannot be
-- hashed, and a dump of this table alone does not hand it out. `lease_token`/`lease_until` say which dispatcher
-- delivers it now (until when, by the database's clock); `attempts`, `failing_since` and `next_attempt_at` are the
-- retry state of the first undelivered event.
CREATE TABLE webhook_subscriptions (
    id              uuid          PRIMARY KEY,
    url             varchar(2048) NOT NULL,
    events          varchar(32)[] NOT NULL,
    store_id        bigint        REFERENCES stores (id),
    status          varchar(8)    NOT NULL CONSTRAINT webhook_subscriptions_status_check CHECK (status IN ('active', 'failing')),
    secret          bytea         NOT NULL,
    position        bigint        NOT NULL,
    attempts        integer       NOT NULL DEFAULT 0,
    failing_since   timestamptz,
    next_attempt_at timestamptz   NOT NULL DEFAULT now(),
    lease_token     uuid,
    lease_until     timestamptz,
    created_at      timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_due_idx ON webhook_subscriptions (next_attempt_at) WHERE status = 'active';
-- The recent delivery attempts of each subscription (the dispatcher keeps the last 100 of each).
CREATE TABLE webhook_deliveries (
    id              bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id uuid          NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id        uuid          NOT NULL,
    event_type      varchar(32)   NOT NULL,
    sequence        bigint        NOT NULL,
    attempt         integer       NOT NULL,
    status_code     integer,
    error           varchar(500),
    duration_ms     integer       NOT NULL,
    attempted_at    timestamptz   NOT NULL
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id DESC);
-- The application's role (migration 010): subscriptions are deleted by DELETE /webhooks/{id}, and each keeps only its
-- last deliveries.
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_subscriptions, webhook_deliveries TO bazaar_application;
--rollback DROP TABLE webhook_deliveries;
--rollback DROP TABLE webhook_subscriptions;
