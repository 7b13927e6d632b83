-- Secrets rotated out of an endpoint. Each keeps signing until its own valid_until, so a second
-- rotation does not cut the first one's overlap short.
CREATE TABLE endpoint_retired_secrets (
    vendor_id   TEXT        NOT NULL,
    endpoint_id TEXT        NOT NULL,
    secret      TEXT        NOT NULL,
    retired_at  TIMESTAMPTZ NOT NULL,
    valid_until TIMESTAMPTZ NOT NULL
);
CREATE INDEX endpoint_retired_secrets_by_endpoint
    ON endpoint_retired_secrets (vendor_id, endpoint_id, valid_until);

INSERT INTO endpoint_retired_secrets (vendor_id, endpoint_id, secret, retired_at, valid_until)
SELECT vendor_id, id, previous_secret, updated_at, previous_secret_until
FROM endpoints
WHERE previous_secret IS NOT NULL AND previous_secret_until > now();

ALTER TABLE endpoints DROP COLUMN previous_secret, DROP COLUMN previous_secret_until;
