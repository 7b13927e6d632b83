package io.billhook.core.lifecycle;

/**
 * A trial or subscription that PostgreSQL records but whose workflow Temporal does not know: it is
 * being rebuilt from its stored reports ({@code rebuildable}), or it cannot be, and ops must act.
 */
public class LifecycleLostException extends RuntimeException {
  private final boolean rebuildable;

  public LifecycleLostException(String message, boolean rebuildable) {
    super(message);
    this.rebuildable = rebuildable;
  }

  public boolean rebuildable() {
    return rebuildable;
  }
}
