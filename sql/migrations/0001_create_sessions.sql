-- Creates sessions: one live event run by a host, with its join and admin codes and its event counter.
create table sessions (
    id               integer generated always as identity primary key,
    title            text        not null check (char_length(title) between 1 and 255),
    description      text,
    status           text        not null default 'draft' check (status in ('draft', 'active', 'completed')),
    join_code        text        not null,
    admin_code       text        not null,
    max_participants integer     not null default 100 check (max_participants between 1 and 1000),
    -- last_seq is the per-session event counter: every change locks this row, bumps it and
    -- writes its events in the same transaction, so seq values commit in order with no gaps.
    last_seq         bigint      not null default 0,
    last_event_at    timestamptz not null default now(),
    started_at       timestamptz,
    completed_at     timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint sessions_join_code_key unique (join_code),
    constraint sessions_admin_code_key unique (admin_code)
);

create index sessions_created_at_idx on sessions (created_at desc, id desc);
