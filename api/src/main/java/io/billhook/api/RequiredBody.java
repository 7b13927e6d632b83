package io.billhook.api;

import io.billhook.core.refusals.Refusal;

/** The JSON body a route cannot do without: a request without one is told what to send. */
public final class RequiredBody {
  private RequiredBody() {}

  /** The body, or a refusal that says it is required and what it should hold. */
  public static <T> T of(T body, String whatToSend) {
    if (body == null) {
      throw Refusal.invalid("request body is required: " + whatToSend);
    }
    return body;
  }
}
