-- Creates schema_analysis_cache: analyses by hash of activity type + configuration, so identical schemas are analysed once.
create table schema_analysis_cache (
    input_hash  text        primary key,
    analyzer    text        not null,
    result      jsonb       not null,
    created_at  timestamptz not null default now()
);
