package io.billhook.core.events;

import io.billhook.core.refusals.Refusal;
import java.nio.charset.StandardCharsets;

/**
 * What Billhook signs and sends is held to the same 256 KiB as what it accepts: a report under the
 * limit can grow on the way (JavaScript writes 1e20 as 100000000000000000000).
 */
public final class EnvelopeSize {
  /** The largest request body, and the largest envelope Billhook signs and sends. */
  public static final int LIMIT = 256 * 1024;

  private EnvelopeSize() {}

  static void check(Envelope envelope) {
    int size = envelope.body().getBytes(StandardCharsets.UTF_8).length;
    if (size > LIMIT) {
      throw new Refusal(
          Refusal.Kind.TOO_LARGE,
          "the event as delivered would be "
              + size
              + " bytes, over the 256 KiB limit (numbers are written out as JavaScript writes"
              + " them: 1e20 becomes 100000000000000000000); send less data, or large numbers as"
              + " strings");
    }
  }
}
