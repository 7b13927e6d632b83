package io.billhook.workflows.lifecycle;

import java.time.Instant;

/**
 * What an entity's timed events are planned from besides its own dates: the vendor's settings, and
 * when a report or setting last changed the plan (nothing is scheduled before that moment).
 */
public abstract class EntityPlan {
  public LifecycleSettings settings = LifecycleSettings.DEFAULT;
  public Instant changedAt;
}
