-- Adds user_responses.anonymous: whether a response was given anonymously, decided when it is written and never changed afterwards; backfilled from each activity's configuration.
alter table user_responses add column anonymous boolean not null default false;

-- The same rule as Anonymity.IsAnonymous (src/Data/Activities/Anonymity.cs): a top-level true
-- anonymous_voting, allow_anonymous (legacy qna) or anonymous in the activity's configuration,
-- or the response's own "anonymous": true (a legacy qna question asked anonymously). Rows written
-- before this migration cannot tell what the configuration was when they were given, so they
-- take today's: erring towards hiding an author, never towards revealing one.
update user_responses r set anonymous = true
from activities a
where a.id = r.activity_id
  and (a.configuration @> '{"anonymous_voting": true}'
       or a.configuration @> '{"allow_anonymous": true}'
       or a.configuration @> '{"anonymous": true}'
       or r.response_data @> '{"anonymous": true}');
