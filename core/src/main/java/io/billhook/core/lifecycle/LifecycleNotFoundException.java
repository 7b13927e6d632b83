package io.billhook.core.lifecycle;

import io.billhook.core.refusals.Refusal;

/** A report or read naming a trial or subscription that is not known (the API answers 404). */
public class LifecycleNotFoundException extends Refusal {
  public LifecycleNotFoundException(String message) {
    super(Kind.NOT_FOUND, message);
  }
}
