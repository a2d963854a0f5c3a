-- Publishing: a succeeded generation its owner published is in the public feed (GET /v1/feed)
-- and its files are served without a key. feed_seq is drawn from a sequence each time it is
-- published and cleared when it is unpublished: it orders the feed (newest published first) and
-- is the feed's paging cursor, so a republished generation comes back on top. published_at is
-- shown in the feed.
create sequence generations_feed_seq;

alter table generations
    add column published_at timestamptz,
    add column feed_seq     bigint;

-- Nothing could publish before this migration; should a row say so anyway, it gets a place.
update generations
   set published_at = coalesce(completed_at, now()), feed_seq = nextval('generations_feed_seq')
 where published;
update generations set published = false where published and status <> 'succeeded';
update generations set published_at = null, feed_seq = null where not published;

-- Only a succeeded generation is published, and then it has its feed place and time.
alter table generations add constraint generations_published_consistent check (
    (published and status = 'succeeded' and published_at is not null and feed_seq is not null)
    or (not published and published_at is null and feed_seq is null));

create unique index generations_feed on generations (feed_seq desc) where feed_seq is not null;
