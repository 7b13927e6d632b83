package io.billhook.core.events;

import io.billhook.core.secrets.SecretCipher;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The envelope a delivery sends, read from PostgreSQL (the record) at every attempt: Temporal's
 * history carries an event's ids only, never its data. A request recorded before that still carries
 * its body, and that body is sent.
 */
@Component
public class StoredBodies {
  /** The failure type of an attempt whose event's data is gone: never retried. */
  public static final String GONE = "EventDataGone";

  /** The failure type of an attempt whose event's data cannot be decrypted: retried. */
  public static final String UNREADABLE = "EventDataUnreadable";

  private final EventStore events;

  public StoredBodies(EventStore events) {
    this.events = events;
  }

  /**
   * The body to send: {@code carried} when the run carries one, else the stored envelope; empty
   * when the event is not stored or retention purged its data. Stored data that cannot be decrypted
   * (altered, or under a key not configured) fails the attempt, retried: nothing is sent.
   */
  public Optional<String> of(String vendorId, String eventId, String carried) {
    return of(eventId, carried, () -> events.body(vendorId, eventId));
  }

  /**
   * As {@link #of(String, String, String)}, with the event's {@code body} column already read
   * ({@code stored}: null when the event is not stored or was purged).
   */
  public Optional<String> of(String vendorId, String eventId, String carried, String stored) {
    return of(eventId, carried, () -> events.opened(vendorId, eventId, stored));
  }

  private static Optional<String> of(
      String eventId, String carried, Supplier<Optional<String>> stored) {
    if (carried != null) {
      return Optional.of(carried);
    }
    try {
      return stored.get();
    } catch (SecretCipher.Unreadable e) {
      throw ApplicationFailure.newFailure(
          "event " + eventId + " has data that cannot be read: " + e.getMessage(), UNREADABLE);
    }
  }

  /** The failure of an attempt with nothing to send, not retried (no retry brings data back). */
  public static ApplicationFailure gone(String eventId) {
    return ApplicationFailure.newNonRetryableFailure(
        "event "
            + eventId
            + " has no data to send: it was purged by retention or is not stored; giving up",
        GONE);
  }
}
