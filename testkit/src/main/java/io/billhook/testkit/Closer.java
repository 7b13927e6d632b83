package io.billhook.testkit;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a harness started, closed in reverse order (the app before its database and Temporal, so
 * that it stops against both); a failure to close one is reported and the rest are still closed.
 */
public final class Closer implements AutoCloseable {
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  public synchronized <T extends AutoCloseable> T add(T resource) {
    opened.push(resource);
    return resource;
  }

  @Override
  public synchronized void close() {
    while (!opened.isEmpty()) {
      AutoCloseable next = opened.pop();
      try {
        next.close();
      } catch (Exception e) {
        System.err.println("could not stop " + next + ": " + e);
      }
    }
  }
}
