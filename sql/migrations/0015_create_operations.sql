-- Creates operations: one row per hub invocation or REST request (operation tracking), written behind in batches and deleted after Operations:RetentionDays.
-- session_id has no foreign key on purpose: a session's DELETE is itself an operation of that
-- session, recorded after the row is gone (a key would fail the whole batch it lands in), and a
-- key check takes a share lock on the session row, which every change of a busy session holds
-- for update: the writer would queue behind the session's own traffic.
create table operations (
    id          bigint           generated always as identity primary key,
    session_id  integer,
    name        text             not null,
    kind        text             not null check (kind in ('hub', 'rest')),
    actor_role  text             not null check (actor_role in ('host', 'participant', 'viewer', 'anonymous')),
    actor_id    integer,
    started_at  timestamptz      not null,
    ended_at    timestamptz      not null,
    duration_ms double precision not null check (duration_ms >= 0),
    outcome     text             not null check (outcome in ('ok', 'refused', 'failed', 'cancelled')),
    status_code integer          not null,
    error_kind  text,
    -- REST: the request's trace identifier (as in the request log); hub: the connection id (as in the hub-call log lines).
    request_id  text
);

-- The host's reads: one session's operations, newest first (every filter narrows this range).
create index operations_session_started_idx on operations (session_id, started_at desc, id desc);
-- What one participant did, across the session's traffic.
create index operations_actor_idx on operations (session_id, actor_id, started_at desc) where actor_id is not null;
-- Retention deletes the oldest rows first, whatever their session.
create index operations_started_idx on operations (started_at);
