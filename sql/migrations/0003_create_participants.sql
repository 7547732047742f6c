-- Creates participants: people who joined a session, with presence and a hashed bearer token.
create table participants (
    id              integer     generated always as identity primary key,
    session_id      integer     not null references sessions (id) on delete cascade,
    nickname        text        not null check (char_length(nickname) between 1 and 50),
    token_hash      bytea,
    joined_at       timestamptz not null default now(),
    last_seen       timestamptz not null default now(),
    left_at         timestamptz,
    activity_context jsonb      not null default '{}'::jsonb,
    connection_data jsonb       not null default '{}'::jsonb
);

-- A nickname is unique per session among present participants, case-insensitively.
create unique index participants_session_nickname_key
    on participants (session_id, lower(nickname)) where left_at is null;
create unique index participants_token_hash_key on participants (token_hash) where token_hash is not null;
create index participants_session_idx on participants (session_id, joined_at);
