-- Adds enrichment and moderation state to user_responses.
alter table user_responses
    add column processing_status   text not null default 'not_processed'
        check (processing_status in ('not_processed', 'pending', 'processing', 'completed', 'failed', 'skipped')),
    add column enrichment          jsonb,
    add column processed_at        timestamptz,
    -- The enricher's verdict (approve / flag) and, when the host decided, their override (approve / reject).
    add column moderation_verdict  text check (moderation_verdict in ('approve', 'flag')),
    add column moderation_reason   text,
    add column moderation_override text check (moderation_override in ('approve', 'reject'));
