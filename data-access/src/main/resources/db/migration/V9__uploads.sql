-- Uploads: files a user sends straight to storage to use as generation inputs (API.md
-- "Uploads"). One UploadWorkflow per row owns its lifecycle: pending until the bytes are
-- checked (ready) or refused (invalid), expired when its PUT URL lapsed unused or when it was
-- never used 24 h after completion. used_at is set in the transaction that creates the first
-- generation using it; the expiry is a conditional update on the same row, so "use" and
-- "delete" can never both win.
create table uploads (
    id           text primary key,
    seq          bigserial not null unique,
    user_id      text not null references users (id),
    status       text not null default 'pending'
        check (status in ('pending', 'ready', 'invalid', 'expired')),
    content_type text not null,
    size_bytes   bigint not null check (size_bytes > 0),
    filename     text,
    storage_key  text not null unique,
    sha256       text,
    metadata     jsonb not null default '{}'::jsonb,
    expires_at   timestamptz not null,
    created_at   timestamptz not null default now(),
    completed_at timestamptz,
    used_at      timestamptz,
    check (used_at is null or completed_at is not null)
);

create index uploads_by_user on uploads (user_id, seq desc);
