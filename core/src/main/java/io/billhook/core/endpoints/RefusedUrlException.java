package io.billhook.core.endpoints;

import io.billhook.core.refusals.Refusal;

/** An endpoint URL that must not be used; the message says what to fix and is safe to show. */
public class RefusedUrlException extends Refusal {

  private static final long serialVersionUID = 1L;

  public RefusedUrlException(String message) {
    super(Kind.INVALID, message);
  }
}
