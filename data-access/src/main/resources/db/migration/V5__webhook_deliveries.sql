-- Which events a generation's webhook wants (null: all of started, progress, completed,
-- failed, canceled).
alter table generations add column webhook_events text[];

-- Outbox of webhook deliveries: written in the transaction of the event it announces, then
-- delivered by a Temporal workflow (webhook-<id>) with retries. The id is the Standard Webhooks
-- message id, the same on every attempt; the body is fixed at the first attempt.
create table webhook_deliveries (
    id            text primary key,
    generation_id text not null references generations (id),
    event_id      bigint not null references generation_events (id),
    event         text not null,
    url           text not null,
    status        text not null default 'pending'
                  check (status in ('pending', 'delivered', 'failed')),
    body          text,
    attempts      integer not null default 0,
    last_status   integer,
    last_error    text,
    created_at    timestamptz not null default now(),
    completed_at  timestamptz
);
create index webhook_deliveries_generation on webhook_deliveries (generation_id);
create index webhook_deliveries_pending on webhook_deliveries (created_at) where status = 'pending';
