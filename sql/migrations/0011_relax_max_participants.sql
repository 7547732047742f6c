-- The per-session participant cap is a setting now (Limits:MaxParticipantsPerSession, default
-- 1,000 as in the legacy contract), checked by the server; the table keeps only the sanity bound.
alter table sessions drop constraint sessions_max_participants_check;
alter table sessions add constraint sessions_max_participants_check check (max_participants >= 1);
