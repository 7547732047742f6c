-- Creates session_events: the per-session, gap-free, replayable log of every visible change.
create table session_events (
    session_id integer     not null references sessions (id) on delete cascade,
    seq        bigint      not null,
    type       text        not null,
    at         timestamptz not null default now(),
    data       jsonb       not null default '{}'::jsonb,
    primary key (session_id, seq)
);
