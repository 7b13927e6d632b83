package io.billhook.workflows.lifecycle;

import io.temporal.failure.ApplicationFailure;

/** A report that contradicts an entity's state; the API answers it with 409 and the message. */
public final class LifecycleConflict {
  public static final String TYPE = "LifecycleConflict";

  private LifecycleConflict() {}

  public static ApplicationFailure because(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, TYPE);
  }
}
