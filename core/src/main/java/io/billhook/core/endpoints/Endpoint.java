package io.billhook.core.endpoints;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A vendor's webhook endpoint. Each secret rotated out ({@code retiredSecrets}) keeps signing until
 * the end of its own overlap. Build one with {@link #newBuilder()}, or change one with {@link
 * #toBuilder()}.
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
    List<RetiredSecret> retiredSecrets,
    Instant createdAt,
    Instant updatedAt) {

  public static final String ALL_EVENTS = "*";

  public Endpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vendorId, "vendorId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    events = List.copyOf(events);
    headers = Map.copyOf(headers);
    retiredSecrets = List.copyOf(retiredSecrets);
    disabledReason = enabled ? null : disabledReason;
  }

  /**
   * A new endpoint: enabled, subscribed to nothing, without headers, description or retired secrets
   * until told otherwise.
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** This endpoint's values, to change some of them. */
  public Builder toBuilder() {
    return newBuilder()
        .setId(id)
        .setVendorId(vendorId)
        .setUrl(url)
        .setEvents(events)
        .setDescription(description)
        .setHeaders(headers)
        .setEnabled(enabled)
        .setDisabledReason(disabledReason)
        .setSecret(secret)
        .setRetiredSecrets(retiredSecrets)
        .setCreatedAt(createdAt)
        .setUpdatedAt(updatedAt);
  }

  public boolean subscribesTo(String eventType) {
    return events.contains(ALL_EVENTS) || events.contains(eventType);
  }

  /**
   * The secrets that sign a delivery made at {@code now} ({@code webhook-signature}, one {@code
   * v1,} each): the current one first, then every retired one still in its overlap, newest first.
   */
  public List<String> signingSecrets(Instant now) {
    return Stream.concat(
            Stream.of(secret),
            validRetired(now)
                .sorted(Comparator.comparing(RetiredSecret::retiredAt).reversed())
                .map(RetiredSecret::secret))
        .toList();
  }

  /**
   * The secret of the single-valued {@code X-Webhook-Signature}: the oldest one still valid, so a
   * receiver that knows only an old secret keeps working until that secret's overlap ends.
   */
  public String legacySigningSecret(Instant now) {
    return validRetired(now)
        .min(Comparator.comparing(RetiredSecret::retiredAt))
        .map(RetiredSecret::secret)
        .orElse(secret);
  }

  private Stream<RetiredSecret> validRetired(Instant now) {
    return retiredSecrets.stream().filter(r -> r.validAt(now));
  }

  /** Builds an {@link Endpoint}; id, vendor, url, secret and both timestamps are required. */
  public static final class Builder {
    private String id;
    private String vendorId;
    private String url;
    private List<String> events = List.of();
    private String description;
    private Map<String, String> headers = Map.of();
    private boolean enabled = true;
    private String disabledReason;
    private String secret;
    private List<RetiredSecret> retiredSecrets = List.of();
    private Instant createdAt;
    private Instant updatedAt;

    private Builder() {}

    public Builder setId(String id) {
      this.id = id;
      return this;
    }

    public Builder setVendorId(String vendorId) {
      this.vendorId = vendorId;
      return this;
    }

    public Builder setUrl(String url) {
      this.url = url;
      return this;
    }

    public Builder setEvents(List<String> events) {
      this.events = events;
      return this;
    }

    public Builder setDescription(String description) {
      this.description = description;
      return this;
    }

    public Builder setHeaders(Map<String, String> headers) {
      this.headers = headers;
      return this;
    }

    public Builder setEnabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Why the endpoint is disabled; an enabled endpoint has no such reason. */
    public Builder setDisabledReason(String disabledReason) {
      this.disabledReason = disabledReason;
      return this;
    }

    public Builder setSecret(String secret) {
      this.secret = secret;
      return this;
    }

    public Builder setRetiredSecrets(List<RetiredSecret> retiredSecrets) {
      this.retiredSecrets = retiredSecrets;
      return this;
    }

    public Builder setCreatedAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder setUpdatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** Created at {@code now} and not changed since. */
    public Builder setCreated(Instant now) {
      return setCreatedAt(now).setUpdatedAt(now);
    }

    public Endpoint build() {
      return new Endpoint(
          id,
          vendorId,
          url,
          events,
          description,
          headers,
          enabled,
          disabledReason,
          secret,
          retiredSecrets,
          createdAt,
          updatedAt);
    }
  }
}
