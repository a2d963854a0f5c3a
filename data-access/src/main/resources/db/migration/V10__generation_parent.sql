-- The earlier generation a generation was built on (image-to-3d imageFrom, song remixOf); null
-- when none. A parent may belong to another user (a remix of a published song): the column only
-- records where the generation came from, it grants nothing.
alter table generations
    add column parent_id text references generations (id);
create index generations_parent on generations (parent_id) where parent_id is not null;
