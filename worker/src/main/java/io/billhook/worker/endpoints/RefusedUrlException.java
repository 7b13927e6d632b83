package io.billhook.worker.endpoints;

/** An endpoint URL that must not be used; the message says what to fix and is safe to show. */
public class RefusedUrlException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public RefusedUrlException(String message) {
    super(message);
  }
}
