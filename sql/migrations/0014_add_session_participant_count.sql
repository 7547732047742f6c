-- Adds sessions.participant_count: the present (not left) participants, kept by the join and leave transactions under the session row lock instead of being counted on every session read.
alter table sessions add column participant_count integer not null default 0 check (participant_count >= 0);

update sessions s
set participant_count = (select count(*) from participants p where p.session_id = s.id and p.left_at is null);
