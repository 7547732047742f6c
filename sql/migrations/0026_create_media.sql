-- Creates media (uploaded images of a session's activities) and media_content (their bytes when Media:Storage is Postgres).
-- The id is random and unguessable (it is the capability to read the image); the bytes are the
-- re-encoded image, never the upload as sent. Deleting a session deletes its media rows.
create table media (
    id           text        primary key,
    session_id   integer     not null references sessions (id) on delete cascade,
    content_type text        not null check (content_type in ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
    bytes        integer     not null check (bytes > 0),
    width        integer     not null check (width > 0),
    height       integer     not null check (height > 0),
    sha256       text        not null,
    created_at   timestamptz not null default now()
);

create index media_session_idx on media (session_id);

-- A bytea per image (at most Media:MaxStoredBytes, a few MB): simpler to back up and replicate than
-- large objects, and deleted with its media row.
create table media_content (
    media_id text  primary key references media (id) on delete cascade,
    data     bytea not null
);
