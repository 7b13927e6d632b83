-- Vendor API keys. Only a SHA-256 of each key is kept; the key itself is shown once, when made.
-- The id is also the key's non-secret lookup part, so verifying a key is one primary-key read.
CREATE TABLE api_keys (
    id           TEXT        PRIMARY KEY,
    vendor_id    TEXT        NOT NULL,
    name         TEXT,
    key_hash     BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ
);
CREATE INDEX api_keys_by_vendor ON api_keys (vendor_id, created_at, id);
