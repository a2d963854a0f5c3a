-- What happened to a generation, in order, for the SSE stream (GET /v1/generations/{id}/events).
-- Kept, so a late or reconnecting subscriber replays them; the id is the SSE event id, so
-- Last-Event-ID works on any API replica. Appends of one generation are serialized (an
-- advisory lock per generation), so ids grow in commit order and a reader never skips one.
create table generation_events (
    id            bigserial primary key,
    generation_id text not null references generations (id),
    event         text not null check (event in
                      ('status', 'step_started', 'progress', 'step_completed', 'completed', 'failed', 'canceled')),
    data          jsonb not null,
    created_at    timestamptz not null default now()
);
create index generation_events_generation on generation_events (generation_id, id);
-- At most one terminal event per generation; nothing is appended after it.
create unique index generation_events_terminal on generation_events (generation_id)
    where event in ('completed', 'failed', 'canceled');
