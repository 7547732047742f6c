-- Creates workflow_attempts: each attempt of a job handed to an external workflow (issue #15), with its one-time callback token (SHA-256 only) and what became of it.
create table workflow_attempts (
    id            bigint      generated always as identity primary key,
    job_id        uuid        not null references processing_jobs (id) on delete cascade,
    attempt       integer     not null,
    -- SHA-256 of the callback token; the token itself is only ever in the post to the workflow.
    token_hash    bytea       not null,
    -- What the attempt processed (the analysis hash, or the SHA-256 of the response data): a result for another version is stale.
    subject_hash  text        not null,
    posted_at     timestamptz not null,
    -- The callback must arrive before this; the job's lease ends then too.
    deadline      timestamptz not null,
    http_status   integer,
    responded_at  timestamptz,
    post_error    text,
    callback_at   timestamptz,
    -- completed | failed | invalid as the callback said, or null without one.
    callback_status text,
    -- completed | skipped | failed | invalid | post_failed | timed_out | superseded once the attempt is over; null while waiting.
    outcome       text,
    outcome_detail text,
    closed_at     timestamptz
);

create unique index workflow_attempts_token_idx on workflow_attempts (token_hash);
create index workflow_attempts_job_idx on workflow_attempts (job_id, attempt);
