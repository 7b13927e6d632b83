-- A vendor's lifecycle timing; absent means the defaults (72 h lead, 24 h grace).
CREATE TABLE vendor_settings (
    vendor_id                   TEXT PRIMARY KEY,
    trial_expiring_lead_seconds BIGINT      NOT NULL,
    renewal_grace_seconds       BIGINT      NOT NULL,
    updated_at                  TIMESTAMPTZ NOT NULL
);

-- Every trial and subscription that has a lifecycle workflow, so that a settings change can
-- reach each of them (Temporal's visibility is not a listing API).
CREATE TABLE lifecycle_entities (
    vendor_id  TEXT        NOT NULL,
    kind       TEXT        NOT NULL,
    entity_id  TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor_id, kind, entity_id)
);
