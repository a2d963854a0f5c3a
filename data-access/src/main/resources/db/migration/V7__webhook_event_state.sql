-- The generation as it was when the event a webhook message announces happened (the row, taken
-- in the event's transaction), so each message tells its own event's state even when it is
-- delivered later; null for messages recorded before this column existed.
alter table webhook_deliveries add column state jsonb;
