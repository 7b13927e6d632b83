package io.billhook.bench;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface FloorActivities {
  /** Does nothing: no HTTP, no database, no signing. */
  void noop(String body);
}
