-- Adds user_responses.pinned and user_responses.answered: the host's marks on a Q&A question (pinned to the top, answered and moved to the archive).
alter table user_responses
    add column pinned boolean not null default false,
    add column answered boolean not null default false;
