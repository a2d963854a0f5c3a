-- Credit purchases through Stripe Checkout (api: payments). A session is created open; Stripe's
-- checkout.session.completed makes it completed and adds one purchase transaction whose
-- reference_id is the session id (credit_transactions_reference_once: at most one per session);
-- a full refund (charge.refunded) makes it refunded and takes the credits back.
create table checkout_sessions (
    id             text primary key,
    user_id        text not null references users (id),
    package_id     text not null,
    credits        bigint not null check (credits > 0),
    amount         bigint not null check (amount > 0),
    currency       text not null,
    payment_intent text unique,
    status         text not null check (status in ('open', 'completed', 'refunded')),
    created_at     timestamptz not null default now(),
    completed_at   timestamptz,
    refunded_at    timestamptz
);
create index checkout_sessions_user on checkout_sessions (user_id, created_at desc);

-- Every Stripe event handled, by its id: a redelivery (Stripe retries, replays) changes nothing.
create table stripe_events (
    id          text primary key,
    type        text not null,
    received_at timestamptz not null default now()
);

-- Full refunds by payment intent. A refund may arrive before the completion of its session (Stripe
-- does not order deliveries): it waits here and is applied when the session completes.
create table stripe_refunds (
    payment_intent text primary key,
    charge_id      text not null,
    received_at    timestamptz not null default now()
);

-- Refunds that could not take back all their credits because the user had spent (or holds) some:
-- the operators' list of money refunded but not recovered in credits.
create table payment_refund_shortfalls (
    session_id  text primary key references checkout_sessions (id),
    user_id     text not null references users (id),
    credits     bigint not null,
    taken_back  bigint not null,
    shortfall   bigint not null check (shortfall > 0),
    created_at  timestamptz not null default now()
);
