-- Idempotency-Key of creating requests (Stripe style). One row per principal and key, claimed
-- before the create runs ('in_progress') and holding the first answer once it is known ('done').
-- user_id is the principal (a user id); no foreign key so that other principals may use keys too.
-- Rows older than 24 hours no longer count and are deleted by a periodic cleanup.
create table idempotency_keys (
    user_id          text not null,
    key              text not null,
    -- SHA-256 (hex) of the endpoint and the canonical JSON body.
    request_hash     text not null,
    status           text not null check (status in ('in_progress', 'done')),
    response_status  integer,
    response_body    jsonb,
    -- Headers of the first answer worth replaying (Location), as {"name": ["value", ...]}.
    response_headers jsonb,
    created_at       timestamptz not null default now(),
    primary key (user_id, key),
    constraint idempotency_keys_done_has_response check (status = 'in_progress' or response_status is not null)
);
create index idempotency_keys_created on idempotency_keys (created_at);

-- Token buckets of the rate limits, shared by every API replica. tokens is the level at
-- updated_at; the refill since then is computed by the one statement that takes a token.
create table rate_limit_buckets (
    bucket     text primary key,
    tokens     double precision not null check (tokens >= 0),
    updated_at timestamptz not null default now()
);
create index rate_limit_buckets_updated on rate_limit_buckets (updated_at);
