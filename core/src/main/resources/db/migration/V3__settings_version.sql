-- Every settings change gets a higher version, so workflows can ignore a rollout older than
-- what they already have (two quick changes roll out concurrently).
CREATE SEQUENCE settings_version;
ALTER TABLE vendor_settings ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
