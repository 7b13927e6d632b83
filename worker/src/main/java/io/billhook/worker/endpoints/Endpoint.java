package io.billhook.worker.endpoints;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A vendor's webhook endpoint. {@code previousSecret} keeps signing until {@code
 * previousSecretUntil} after a rotation.
 */
public record Endpoint(
    String id,
    String vendorId,
    String url,
    List<String> events,
    String description,
    Map<String, String> headers,
    boolean enabled,
    String disabledReason,
    String secret,
    String previousSecret,
    Instant previousSecretUntil,
    Instant createdAt,
    Instant updatedAt) {

  public static final String ALL_EVENTS = "*";

  public Endpoint {
    events = List.copyOf(events);
    headers = Map.copyOf(headers);
  }

  public boolean subscribesTo(String eventType) {
    return events.contains(ALL_EVENTS) || events.contains(eventType);
  }

  /** The secrets that sign a delivery made at {@code now}: the current one first. */
  public List<String> signingSecrets(Instant now) {
    return previousSecret != null
            && previousSecretUntil != null
            && now.isBefore(previousSecretUntil)
        ? List.of(secret, previousSecret)
        : List.of(secret);
  }
}
