package io.billhook.core.embedded;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something another process does: sleeps that fail loudly when interrupted. */
public final class Poll {
  private Poll() {}

  /**
   * Checks every {@code intervalMillis} until the condition holds; false if it still does not after
   * the timeout.
   */
  public static boolean until(Duration timeout, long intervalMillis, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(intervalMillis);
    }
    return true;
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
