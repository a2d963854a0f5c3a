-- How many of a user's generations may run at once (their lane's size); null = the server's
-- default (app.concurrency.default-per-user).
alter table users add column max_concurrent integer
    check (max_concurrent between 1 and 100);
