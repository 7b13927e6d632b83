package io.billhook.core.delivery;

import java.net.ProtocolException;

/**
 * Failure text without what the receiver sent. A response that is not valid HTTP fails with a
 * message quoting it ({@code Unexpected status line: ...}), and a receiver that echoes the request
 * would put the customer's data there: into the attempt's error, and from there into the failure
 * Temporal keeps. Only the client's own words before the quote are kept.
 */
final class ReceiverText {
  private ReceiverText() {}

  static String withoutQuote(ProtocolException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int quote = message.indexOf(':');
    String own = quote < 0 ? message : message.substring(0, quote);
    return "invalid HTTP response" + (own.isBlank() ? "" : " (" + own.strip() + ")");
  }
}
