package io.billhook.worker.lifecycle;

/** A report or read naming a trial or subscription that is not known (the API answers 404). */
public class LifecycleNotFoundException extends RuntimeException {
  public LifecycleNotFoundException(String message) {
    super(message);
  }
}
