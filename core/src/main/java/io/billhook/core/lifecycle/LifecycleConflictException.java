package io.billhook.core.lifecycle;

import io.billhook.core.refusals.Refusal;

/** A report that contradicts its entity; refused, changing nothing (the API answers 409). */
public class LifecycleConflictException extends Refusal {
  public LifecycleConflictException(String message) {
    super(Kind.CONFLICT, message);
  }
}
