package io.billhook.workflows.lifecycle;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/** A report that contradicts an entity's state; the API answers it with 409 and the message. */
public final class LifecycleConflict {
  public static final String TYPE = "LifecycleConflict";

  private LifecycleConflict() {}

  public static ApplicationFailure because(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, TYPE);
  }

  /** For update validators: refuses the update when the rules found a {@code conflict}. */
  static void throwIfPresent(Optional<String> conflict) {
    if (conflict.isPresent()) {
      throw because(conflict.get());
    }
  }
}
