-- Creates processing_jobs: durable background work (activity schema analysis, response enrichment) with leases.
create table processing_jobs (
    id              uuid        primary key,
    kind            text        not null check (kind in ('activity_analysis', 'response_enrichment')),
    subject_id      uuid        not null,
    session_id      integer     not null references sessions (id) on delete cascade,
    status          text        not null check (status in ('pending', 'processing', 'completed', 'failed', 'skipped')),
    attempts        integer     not null default 0,
    max_attempts    integer     not null,
    next_attempt_at timestamptz not null default now(),
    -- A claimed job belongs to claimed_by until lease_until; past it, any node may reclaim it.
    lease_until     timestamptz,
    claimed_by      text,
    result          jsonb,
    error           text,
    created_at      timestamptz not null default now(),
    started_at      timestamptz,
    completed_at    timestamptz,
    updated_at      timestamptz not null default now(),
    constraint processing_jobs_completed_has_result check (status <> 'completed' or (result is not null and completed_at is not null))
);

-- At most one job per subject waits at a time: a change while one waits reuses it.
create unique index processing_jobs_one_pending_key on processing_jobs (kind, subject_id) where status = 'pending';
create index processing_jobs_due_idx on processing_jobs (next_attempt_at) where status in ('pending', 'failed');
create index processing_jobs_lease_idx on processing_jobs (lease_until) where status = 'processing';
create index processing_jobs_status_created_idx on processing_jobs (status, created_at desc);
create index processing_jobs_subject_idx on processing_jobs (subject_id, created_at desc);
