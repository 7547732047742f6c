-- Creates webhooks (outbound endpoints), webhook_streams (a cursor and a lease per endpoint and session) and webhook_deliveries (the delivery log).
-- The session event log (session_events, gap-free seq, written in the same transaction as every
-- change) is the outbox: a stream's cursor last_acked_seq says how far its receiver acknowledged,
-- and the lease (lease_owner, lease_until) lets exactly one node deliver a stream at a time.
create table webhooks (
    id                         uuid        primary key,
    -- null: a global endpoint from configuration (Webhooks:Endpoints), receiving every session's events
    session_id                 integer     references sessions (id) on delete cascade,
    url                        text        not null,
    events                     text[]      not null,
    description                text,
    scope                      text        not null default 'viewer' check (scope in ('viewer', 'host')),
    -- The signing secret must be readable to sign with; it is never returned after creation nor logged (docs/security.md).
    secret                     text        not null,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    status                     text        not null default 'active' check (status in ('active', 'disabled')),
    disabled_reason            text,
    consecutive_failures       integer     not null default 0,
    created_at                 timestamptz not null default now(),
    last_delivery_at           timestamptz
);

create index webhooks_session_idx on webhooks (session_id);

create table webhook_streams (
    webhook_id      uuid        not null references webhooks (id) on delete cascade,
    session_id      integer     not null references sessions (id) on delete cascade,
    last_acked_seq  bigint      not null default 0,
    -- set while the event after last_acked_seq waits for its next attempt (backoff)
    next_attempt_at timestamptz,
    lease_owner     text,
    lease_until     timestamptz,
    primary key (webhook_id, session_id)
);

create index webhook_streams_session_idx on webhook_streams (session_id);

create table webhook_deliveries (
    id               bigint      generated always as identity primary key,
    webhook_id       uuid        not null references webhooks (id) on delete cascade,
    session_id       integer     not null references sessions (id) on delete cascade,
    seq              bigint,     -- null for a ping
    event_type       text        not null,
    status           text        not null check (status in ('delivered', 'failed', 'pending')),
    attempts         integer     not null default 0,
    last_status_code integer,
    last_error       text,
    latency_ms       integer,
    first_attempt_at timestamptz,
    last_attempt_at  timestamptz,
    next_attempt_at  timestamptz,
    delivered_at     timestamptz
);

create unique index webhook_deliveries_seq_idx on webhook_deliveries (webhook_id, session_id, seq) where seq is not null;
create index webhook_deliveries_recent_idx on webhook_deliveries (webhook_id, id desc);
