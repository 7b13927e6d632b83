-- When an event's body was purged (its data replaced by null) after BILLHOOK_RETENTION; null
-- while the body is kept. The index lists what the purge may still take, oldest first.
ALTER TABLE events ADD COLUMN purged_at TIMESTAMPTZ;
CREATE INDEX events_to_purge ON events (created_at) WHERE purged_at IS NULL;
