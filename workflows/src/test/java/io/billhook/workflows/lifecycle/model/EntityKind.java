package io.billhook.workflows.lifecycle.model;

/** Which lifecycle a sequence drives. */
enum EntityKind {
  SUBSCRIPTION,
  TRIAL
}
