package io.billhook.workflows.lifecycle;

import java.time.Instant;

/**
 * A reported lifecycle event as accepted by the API: the entity's workflow publishes it while
 * applying it, so it always goes out before any event the entity's clock produces in response.
 * {@code body} is null: the publish activity reads the envelope from PostgreSQL, so the customer's
 * data stays out of Temporal (runs recorded before carry it, and that body is published).
 */
public record ReportedEvent(
    String vendorId, String id, String type, Instant timestamp, String body) {}
