package io.billhook.core.reconcile;

/** Makes Temporal agree with PostgreSQL, the record, for one kind of work. */
public interface Reconciler {
  /** A short name for logs and metrics, such as "deliveries". */
  String name();

  /** Drives again whatever Temporal does not know; returns how many items it repaired. */
  int reconcile();
}
