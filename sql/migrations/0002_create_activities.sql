-- Creates activities: opaque-JSON activities of a session, in both the legacy and framework shapes.
create table activities (
    id                uuid        primary key,
    session_id        integer     not null references sessions (id) on delete cascade,
    activity_type     text        not null check (char_length(activity_type) between 1 and 100),
    title             text        not null default '',
    description       text,
    -- One configuration document serves both shapes: legacy clients call it "config",
    -- framework clients "configuration".
    configuration     jsonb       not null default '{}'::jsonb,
    activity_metadata jsonb       not null default '{}'::jsonb,
    -- Legacy status and framework state are kept consistent by the application (see ActivityStates).
    status            text        not null default 'draft' check (status in ('draft', 'active', 'completed', 'cancelled')),
    state             text        not null default 'draft' check (state in ('draft', 'published', 'active', 'expired')),
    order_index       integer     not null default 0,
    started_at        timestamptz,
    completed_at      timestamptz,
    expires_at        timestamptz,
    -- Filled by the processing pipeline (schema analysis).
    processing_status text        not null default 'not_processed'
        check (processing_status in ('not_processed', 'pending', 'processing', 'completed', 'failed', 'skipped')),
    schema_render     jsonb,
    processed_at      timestamptz,
    response_count    integer     not null default 0,
    last_response_at  timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);

create index activities_session_order_idx on activities (session_id, order_index, created_at);
create index activities_session_state_idx on activities (session_id, state);
