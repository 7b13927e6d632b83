-- Resend and recover: a delivery sent again starts a new attempt series (1 for the first sending).
-- Every attempt carries the series of its delivery at the time it is written, set here so that
-- every writer of attempts (the delivery, its background retries) agrees.
ALTER TABLE deliveries ADD COLUMN series INT NOT NULL DEFAULT 1,
                       ADD COLUMN resent_at TIMESTAMPTZ;
ALTER TABLE attempts ADD COLUMN series INT NOT NULL DEFAULT 1;

-- Recover lists an endpoint's failed deliveries by when they ended; stats count by the same.
CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, status, updated_at);
-- Stats read an endpoint's attempts since a time.
CREATE INDEX attempts_by_endpoint_time ON attempts (endpoint_id, at);

-- Each endpoint that failed its last attempts: since when every attempt failed (the first failure
-- after its last success), and when the last one failed. A success removes the row; so does
-- enabling the endpoint again or changing its URL, which start a new record.
CREATE TABLE endpoint_failures (
    endpoint_id    TEXT        PRIMARY KEY,
    vendor_id      TEXT        NOT NULL,
    failing_since  TIMESTAMPTZ NOT NULL,
    last_failed_at TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION attempts_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT d.series INTO NEW.series FROM deliveries d
     WHERE d.vendor_id = NEW.vendor_id AND d.event_id = NEW.event_id
       AND d.endpoint_id = NEW.endpoint_id;
    NEW.series := COALESCE(NEW.series, 1);
    IF NEW.status_code BETWEEN 200 AND 299 THEN
        DELETE FROM endpoint_failures WHERE endpoint_id = NEW.endpoint_id;
    ELSE
        INSERT INTO endpoint_failures (endpoint_id, vendor_id, failing_since, last_failed_at)
        VALUES (NEW.endpoint_id, NEW.vendor_id, NEW.at, NEW.at)
        ON CONFLICT (endpoint_id) DO UPDATE SET
            failing_since = LEAST(endpoint_failures.failing_since, EXCLUDED.failing_since),
            last_failed_at = GREATEST(endpoint_failures.last_failed_at, EXCLUDED.last_failed_at);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER attempts_record BEFORE INSERT ON attempts
    FOR EACH ROW EXECUTE FUNCTION attempts_record();

CREATE FUNCTION endpoint_failures_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM endpoint_failures WHERE endpoint_id = OLD.id;
    RETURN NULL;
END $$;

CREATE TRIGGER endpoint_failures_on_enable AFTER UPDATE OF enabled, url ON endpoints
    FOR EACH ROW WHEN ((NEW.enabled AND NOT OLD.enabled) OR NEW.url <> OLD.url)
    EXECUTE FUNCTION endpoint_failures_forget();
CREATE TRIGGER endpoint_failures_on_delete AFTER DELETE ON endpoints
    FOR EACH ROW EXECUTE FUNCTION endpoint_failures_forget();
