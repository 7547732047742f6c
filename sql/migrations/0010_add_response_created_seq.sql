-- Adds user_responses.created_seq: the seq of the response.added event, so a retried submission gets its first ack back even after edits.
alter table user_responses add column created_seq bigint;
update user_responses set created_seq = change_seq;
