-- Endpoints a vendor configured. Secrets live here and nowhere else (never in logs).
CREATE TABLE endpoints (
    id                  TEXT PRIMARY KEY,
    vendor_id           TEXT        NOT NULL,
    url                 TEXT        NOT NULL,
    events              TEXT[]      NOT NULL,
    description         TEXT,
    headers             JSONB       NOT NULL DEFAULT '{}'::jsonb,
    enabled             BOOLEAN     NOT NULL DEFAULT TRUE,
    disabled_reason     TEXT,
    secret              TEXT        NOT NULL,
    previous_secret     TEXT,
    previous_secret_until TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX endpoints_by_vendor ON endpoints (vendor_id, created_at, id);

-- Every accepted event; body is the exact envelope that is signed and sent.
CREATE TABLE events (
    seq         BIGSERIAL   UNIQUE,
    vendor_id   TEXT        NOT NULL,
    id          TEXT        NOT NULL,
    type        TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    body        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (vendor_id, id)
);
CREATE INDEX events_by_vendor ON events (vendor_id, seq DESC);

-- One row per (event, endpoint) the event was fanned out to.
CREATE TABLE deliveries (
    vendor_id   TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    endpoint_id TEXT        NOT NULL,
    url         TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (vendor_id, event_id, endpoint_id)
);

-- Every HTTP attempt, kept for the delivery log.
CREATE TABLE attempts (
    id               BIGSERIAL   PRIMARY KEY,
    vendor_id        TEXT        NOT NULL,
    event_id         TEXT        NOT NULL,
    endpoint_id      TEXT        NOT NULL,
    attempt          INT         NOT NULL,
    at               TIMESTAMPTZ NOT NULL,
    url              TEXT        NOT NULL,
    status_code      INT,
    duration_ms      BIGINT      NOT NULL,
    response_excerpt TEXT,
    error            TEXT
);
CREATE INDEX attempts_by_event ON attempts (vendor_id, event_id, endpoint_id, attempt);
CREATE INDEX attempts_by_endpoint ON attempts (endpoint_id, id DESC);
