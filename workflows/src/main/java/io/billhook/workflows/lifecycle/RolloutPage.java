package io.billhook.workflows.lifecycle;

/**
 * One page of a settings rollout: how many running entities it signalled, and where the next page
 * starts ({@code null} once the vendor's last entity is behind it).
 */
public record RolloutPage(int signalled, RolloutCursor next) {
  public boolean last() {
    return next == null;
  }
}
