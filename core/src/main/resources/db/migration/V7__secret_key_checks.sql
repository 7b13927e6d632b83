-- Endpoint secrets are stored encrypted (v1:<key id>:<base64>) under a key-encryption key from
-- configuration. Each key id seen gets one check value here, encrypted under it at first use, so
-- that a start with a different key under the same id is refused instead of writing secrets no
-- other process can read. Rows still in plain text are encrypted at the next start.
CREATE TABLE secret_key_checks (
    key_id      TEXT        PRIMARY KEY,
    check_value TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
