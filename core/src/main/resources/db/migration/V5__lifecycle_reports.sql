-- Every accepted lifecycle report: the record each trial's and subscription's workflow is
-- rebuilt from. A report is claimed here (its event id, and the entity it creates or the trial
-- it converts, at most once each) before Temporal is told, and removed only if refused.
CREATE TABLE lifecycle_reports (
    seq         BIGSERIAL   UNIQUE,
    vendor_id   TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    entity_id   TEXT        NOT NULL,
    type        TEXT        NOT NULL,
    creates     BOOLEAN     NOT NULL,
    trial_id    TEXT,
    occurred_at TIMESTAMPTZ NOT NULL,
    body        TEXT        NOT NULL,
    accepted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (vendor_id, event_id)
);
-- One trial.started per trial, one subscription.created per subscription.
CREATE UNIQUE INDEX lifecycle_reports_one_creation
    ON lifecycle_reports (vendor_id, kind, entity_id) WHERE creates;
-- One subscription converts a trial.
CREATE UNIQUE INDEX lifecycle_reports_one_conversion
    ON lifecycle_reports (vendor_id, trial_id) WHERE trial_id IS NOT NULL;
CREATE INDEX lifecycle_reports_by_entity ON lifecycle_reports (vendor_id, kind, entity_id, seq);
