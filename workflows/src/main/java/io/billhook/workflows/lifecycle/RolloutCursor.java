package io.billhook.workflows.lifecycle;

/**
 * Where a settings rollout stands in a vendor's entities, which it walks in key order (kind, then
 * id): the last entity it has signalled. {@link #START} is before the first.
 */
public record RolloutCursor(String kind, String entityId) {
  public static final RolloutCursor START = new RolloutCursor("", "");
}
