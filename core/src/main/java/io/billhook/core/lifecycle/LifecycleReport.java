package io.billhook.core.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.billhook.core.events.Envelope;
import io.billhook.workflows.events.EventType;
import io.billhook.workflows.lifecycle.ReportedEvent;
import io.billhook.workflows.lifecycle.SubscriptionReport;
import io.billhook.workflows.lifecycle.TrialStarted;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lifecycle report as accepted (and stored): the envelope, the entity it drives, the trial a
 * {@code subscription.created} converts (else null), and when it was accepted. Its data was
 * validated when it was reported, so the fields the type requires are present.
 */
public record LifecycleReport(
    String vendorId,
    EventType type,
    String entityId,
    String trialId,
    Envelope envelope,
    Instant acceptedAt) {
  private static final String[] PASS_THROUGH = {"productId", "planId"};

  static LifecycleReport of(String vendorId, Envelope envelope, Instant acceptedAt) {
    EventType type = EventType.fromWireName(envelope.type()).orElseThrow();
    JsonNode data = envelope.data();
    String entityId = data.get(type.drives().orElseThrow().idField()).asText();
    String trialId =
        type == EventType.SUBSCRIPTION_CREATED && data.path("trialId").isTextual()
            ? data.get("trialId").asText()
            : null;
    return new LifecycleReport(vendorId, type, entityId, trialId, envelope, acceptedAt);
  }

  public String eventId() {
    return envelope.id();
  }

  String kind() {
    return type.drives().orElseThrow().kind();
  }

  /** Whether this report brings its entity into being (trial.started, subscription.created). */
  boolean creates() {
    return type.creates();
  }

  String customerId() {
    JsonNode customer = envelope.data().path("customerId");
    return customer.isTextual() ? customer.asText() : null;
  }

  /**
   * The report as its workflow publishes it: ids only, no body (the customer's data stays out of
   * Temporal; the publish activity reads the envelope back from the record).
   */
  ReportedEvent event() {
    return new ReportedEvent(vendorId, envelope.id(), envelope.type(), envelope.timestamp(), null);
  }

  TrialStarted trialStarted() {
    JsonNode data = envelope.data();
    return new TrialStarted(
        eventId(), customerId(), instant(data, "trialEnd"), details(data), event());
  }

  SubscriptionReport subscriptionReport() {
    JsonNode data = envelope.data();
    return new SubscriptionReport(
        eventId(),
        type.wireName(),
        customerId(),
        instant(data, "currentPeriodEnd"),
        data.path("cancelAtPeriodEnd").asBoolean(true),
        details(data),
        event(),
        trialId);
  }

  private static Instant instant(JsonNode data, String field) {
    JsonNode value = data.path(field);
    return value.isTextual() ? OffsetDateTime.parse(value.asText()).toInstant() : null;
  }

  private static Map<String, String> details(JsonNode data) {
    Map<String, String> details = new TreeMap<>();
    for (String field : PASS_THROUGH) {
      if (data.path(field).isTextual()) {
        details.put(field, data.get(field).asText());
      }
    }
    return details;
  }
}
