-- Creates quiz_runs: where a quiz activity's host-driven run stands (phase, open question, and each round's start, deadline and reveal).
create table quiz_runs (
    activity_id    uuid        primary key references activities (id) on delete cascade,
    session_id     integer     not null references sessions (id) on delete cascade,
    phase          text        not null check (phase in ('lobby', 'question', 'revealed', 'leaderboard', 'podium')),
    question_index integer     not null default -1,
    -- The rounds played, in play order: [{question_index, started_at, deadline_at, revealed_at}].
    rounds         jsonb       not null default '[]'::jsonb,
    updated_at     timestamptz not null default now()
);

create index quiz_runs_session_idx on quiz_runs (session_id);
