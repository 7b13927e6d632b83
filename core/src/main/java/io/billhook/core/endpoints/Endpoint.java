package io.billhook.core.endpoints;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A vendor's webhook endpoint. Each secret rotated out ({@code retiredSecrets}) keeps signing until
 * the end of its own overlap. Build one with {@link #builder()}, or change one with {@link
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
  }

  /**
   * A new endpoint: enabled, subscribed to nothing, without headers, description or retired secrets
   * until told otherwise.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** This endpoint's values, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .id(id)
        .vendorId(vendorId)
        .url(url)
        .events(events)
        .description(description)
        .headers(headers)
        .enabled(enabled, disabledReason)
        .secret(secret)
        .retiredSecrets(retiredSecrets)
        .createdAt(createdAt)
        .updatedAt(updatedAt);
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

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder vendorId(String vendorId) {
      this.vendorId = vendorId;
      return this;
    }

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder events(List<String> events) {
      this.events = events;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder headers(Map<String, String> headers) {
      this.headers = headers;
      return this;
    }

    /** Enabled (no reason), or disabled for the reason given. */
    public Builder enabled(boolean enabled, String disabledReason) {
      this.enabled = enabled;
      this.disabledReason = enabled ? null : disabledReason;
      return this;
    }

    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    public Builder retiredSecrets(List<RetiredSecret> retiredSecrets) {
      this.retiredSecrets = retiredSecrets;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** Created at {@code now} and not changed since. */
    public Builder created(Instant now) {
      return createdAt(now).updatedAt(now);
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
