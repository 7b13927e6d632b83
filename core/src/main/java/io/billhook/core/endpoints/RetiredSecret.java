package io.billhook.core.endpoints;

import java.time.Instant;

/**
 * A secret rotated out at {@code retiredAt}; it still signs deliveries before {@code validUntil}.
 */
public record RetiredSecret(String secret, Instant retiredAt, Instant validUntil) {

  public boolean validAt(Instant now) {
    return now.isBefore(validUntil);
  }
}
