-- Users and their API keys. Keys are stored as SHA-256 hashes only; the key itself is shown once.
create table users (
    id             text primary key,
    email          text not null unique,
    name           text not null,
    webhook_secret text not null,
    created_at     timestamptz not null default now()
);

create table api_keys (
    id         text primary key,
    user_id    text not null references users (id),
    key_hash   text not null unique,
    key_prefix text not null,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);
create index api_keys_user on api_keys (user_id);

-- One row per account. available = balance - reserved, which the checks keep >= 0.
create table credit_accounts (
    user_id         text primary key references users (id),
    balance         bigint not null default 0 check (balance >= 0),
    reserved        bigint not null default 0 check (reserved >= 0),
    lifetime_earned bigint not null default 0,
    lifetime_spent  bigint not null default 0,
    updated_at      timestamptz not null default now(),
    constraint credit_accounts_available_non_negative check (reserved <= balance)
);

-- Append-only: the balance of an account always equals the sum of its transactions.
create table credit_transactions (
    id            bigserial primary key,
    user_id       text not null references users (id),
    type          text not null check (type in ('purchase', 'spend', 'refund', 'bonus', 'admin_adjust')),
    amount        bigint not null,
    balance_after bigint not null,
    reference_id  text,
    description   text,
    created_at    timestamptz not null default now(),
    constraint credit_transactions_reference_once unique (type, reference_id)
);
create index credit_transactions_user on credit_transactions (user_id, id desc);

-- Holds. A hold moves no balance; it ends captured (one spend transaction) or released, once.
create table credit_reservations (
    id          text primary key,
    user_id     text not null references users (id),
    amount      bigint not null check (amount > 0),
    status      text not null check (status in ('held', 'captured', 'released')),
    description text,
    created_at  timestamptz not null default now(),
    closed_at   timestamptz
);
create index credit_reservations_held on credit_reservations (user_id) where status = 'held';

-- The read model of generations that the API lists and pages. seq orders the pages.
create table generations (
    id               text primary key,
    seq              bigserial not null unique,
    user_id          text not null references users (id),
    type             text not null,
    status           text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'canceled')),
    workflow_id      text not null unique,
    input            jsonb not null,
    output           jsonb,
    error_code       text,
    error_message    text,
    cost             bigint not null,
    published        boolean not null default false,
    steps            jsonb,
    progress_step    text,
    progress_percent integer,
    webhook          text,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    completed_at     timestamptz
);
create index generations_user_seq on generations (user_id, seq desc);
create index generations_open on generations (status) where status in ('queued', 'running');

-- How many times each step's activity has been attempted (written by the activity worker).
create table generation_step_attempts (
    generation_id text not null references generations (id),
    step          text not null,
    attempts      integer not null,
    primary key (generation_id, step)
);
