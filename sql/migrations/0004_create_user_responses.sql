-- Creates user_responses: participants' answers, with a monotonic change cursor for incremental reads.
create table user_responses (
    id              uuid        primary key,
    session_id      integer     not null references sessions (id) on delete cascade,
    activity_id     uuid        not null references activities (id) on delete cascade,
    participant_id  integer     not null references participants (id) on delete cascade,
    response_data   jsonb       not null,
    -- The session seq of the last event that touched this row. Seq values commit in order per
    -- session, so "everything after cursor N" never misses a row that committed late.
    change_seq      bigint      not null,
    -- Set for activity types that allow one answer per participant (poll, planning poker).
    single_slot     boolean     not null default false,
    idempotency_key text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

create index user_responses_activity_created_idx on user_responses (activity_id, created_at);
create index user_responses_activity_cursor_idx on user_responses (activity_id, change_seq);
create index user_responses_participant_idx on user_responses (participant_id, created_at);
create unique index user_responses_single_slot_key
    on user_responses (activity_id, participant_id) where single_slot;
create unique index user_responses_idempotency_key
    on user_responses (participant_id, idempotency_key) where idempotency_key is not null;
