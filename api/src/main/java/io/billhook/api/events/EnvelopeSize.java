package io.billhook.api.events;

import io.billhook.api.BodySizeLimitFilter;
import io.billhook.api.problems.ApiException;
import io.billhook.worker.events.Envelope;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;

/**
 * What Billhook signs and sends is held to the same 256 KiB as what it accepts: a report under the
 * limit can grow on the way (JavaScript writes 1e20 as 100000000000000000000).
 */
final class EnvelopeSize {
  private EnvelopeSize() {}

  static void check(Envelope envelope) {
    int size = envelope.body().getBytes(StandardCharsets.UTF_8).length;
    if (size > BodySizeLimitFilter.LIMIT) {
      throw new ApiException(
          HttpStatus.CONTENT_TOO_LARGE,
          "the event as delivered would be "
              + size
              + " bytes, over the 256 KiB limit (numbers are written out as JavaScript writes"
              + " them: 1e20 becomes 100000000000000000000); send less data, or large numbers as"
              + " strings");
    }
  }
}
