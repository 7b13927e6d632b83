package io.billhook.workflows.lifecycle;

import java.time.Instant;
import java.util.Map;

/**
 * A reported subscription event, reduced to what the lifecycle needs. {@code currentPeriodEnd} is
 * set for created and renewed; {@code cancelAtPeriodEnd} for cancelled; {@code details} carries
 * pass-through fields (productId, planId) into generated events; {@code trialId} is the trial a
 * {@code subscription.created} converts (null if none, and in histories recorded before it).
 */
public record SubscriptionReport(
    String eventId,
    String type,
    String customerId,
    Instant currentPeriodEnd,
    boolean cancelAtPeriodEnd,
    Map<String, String> details,
    ReportedEvent event,
    String trialId) {

  public SubscriptionReport {
    details = ReportedDetails.of(details);
  }

  /** A report with nothing to publish (tests, and reports published elsewhere). */
  public SubscriptionReport(
      String eventId,
      String type,
      String customerId,
      Instant currentPeriodEnd,
      boolean cancelAtPeriodEnd,
      Map<String, String> details) {
    this(eventId, type, customerId, currentPeriodEnd, cancelAtPeriodEnd, details, null, null);
  }
}
