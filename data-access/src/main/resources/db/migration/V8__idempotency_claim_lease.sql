-- A claimed key is held by the request running its create, which renews lease_until while it
-- runs. A claim whose lease ran out belongs to a request that died with its process (kill -9, a
-- crash): a retry takes it over (new claim_token) instead of answering 409 until the key
-- expires. Claims of the version before this one get a minute, then count as abandoned.
alter table idempotency_keys
    add column claim_token text,
    add column lease_until timestamptz not null default now() + interval '1 minute';
