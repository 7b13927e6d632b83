package io.billhook.worker.lifecycle;

/** A report that contradicts its entity; refused, changing nothing (the API answers 409). */
public class LifecycleConflictException extends RuntimeException {
  public LifecycleConflictException(String message) {
    super(message);
  }
}
