package io.billhook.core.endpoints;

import io.billhook.core.chat.ChatFormat;
import io.billhook.core.chat.ChatSettings;
import io.billhook.core.refusals.Refusal;
import io.soabase.recordbuilder.core.RecordBuilder;
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
 *
 * @param secret the current secret; null when its stored form could not be decrypted (altered in
 *     the database): nothing is signed with it and {@link #readableSecret()} refuses
 * @param format what it is sent (null: Billhook's signed envelope); chatId and template are for
 *     chat formats only
 */
@RecordBuilder
@RecordBuilder.Options(setterPrefix = "set")
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
    Instant updatedAt,
    ChatFormat format,
    String chatId,
    String template) {

  public static final String ALL_EVENTS = "*";

  public Endpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vendorId, "vendorId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    events = List.copyOf(events);
    headers = Map.copyOf(headers);
    retiredSecrets = List.copyOf(retiredSecrets);
    disabledReason = enabled ? null : disabledReason;
    format = format == null ? ChatFormat.BILLHOOK : format;
  }

  /**
   * A new endpoint: enabled, subscribed to nothing, without headers, description or retired secrets
   * until told otherwise.
   */
  public static EndpointBuilder newBuilder() {
    return EndpointBuilder.builder()
        .setEvents(List.of())
        .setHeaders(Map.of())
        .setEnabled(true)
        .setRetiredSecrets(List.of());
  }

  /** A new endpoint as {@link #newBuilder()} makes it, created (and last updated) at {@code at}. */
  public static EndpointBuilder newBuilder(Instant at) {
    return newBuilder().setCreatedAt(at).setUpdatedAt(at);
  }

  /** This endpoint's values, to change some of them. */
  public EndpointBuilder toBuilder() {
    return EndpointBuilder.builder(this);
  }

  /** The current secret, refused (409) when it cannot be read: a rotation replaces it. */
  public String readableSecret() {
    if (secret == null) {
      throw new Refusal(
          Refusal.Kind.CONFLICT,
          "the secret of endpoint "
              + id
              + " cannot be read (its stored value was altered); rotate it (POST"
              + " .../rotate-secret) to get a new one");
    }
    return secret;
  }

  /** What it is sent: its format, with Telegram's chat and the message template. */
  public ChatSettings chatSettings() {
    return new ChatSettings(format, chatId, template);
  }

  /** This endpoint, sent what {@code chat} says. */
  public Endpoint withChatSettings(ChatSettings chat) {
    return toBuilder()
        .setFormat(chat.format())
        .setChatId(chat.chatId())
        .setTemplate(chat.template())
        .build();
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
            Stream.of(readableSecret()),
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
        .orElseGet(this::readableSecret);
  }

  private Stream<RetiredSecret> validRetired(Instant now) {
    return retiredSecrets.stream().filter(r -> r.validAt(now));
  }
}
