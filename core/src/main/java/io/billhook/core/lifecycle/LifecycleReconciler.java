package io.billhook.core.lifecycle;

import io.billhook.core.lifecycle.LifecycleRegistry.Entity;
import io.billhook.core.reconcile.Reconciler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every registered trial and subscription whose workflow Temporal does not know (its
 * database lost, or restored from an old backup) from the reports stored in PostgreSQL; one that
 * cannot be rebuilt is logged as an error (and its API read says so). One describe call per entity,
 * a page of the registry at a time.
 */
@Component
public class LifecycleReconciler implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(LifecycleReconciler.class);
  static final int PAGE = 500;

  private final LifecycleRegistry registry;
  private final EntityPresence presence;
  private final EntityRebuilder rebuilder;

  public LifecycleReconciler(
      LifecycleRegistry registry, EntityPresence presence, EntityRebuilder rebuilder) {
    this.registry = registry;
    this.presence = presence;
    this.rebuilder = rebuilder;
  }

  @Override
  public String name() {
    return "lifecycle";
  }

  @Override
  public int reconcile() {
    return Reconciler.repairEach(PAGE, registry::page, Entity.FIRST, this::repair);
  }

  private boolean repair(Entity e) {
    String workflowId = LifecycleWorkflows.workflowId(e.kind(), e.vendorId(), e.entityId());
    try {
      if (presence.of(e.vendorId(), e.kind(), e.entityId()) != EntityPresence.Presence.LOST) {
        return false;
      }
      if (rebuilder.rebuild(e.vendorId(), e.kind(), e.entityId()).isEmpty()) {
        log.error(
            "{} is recorded but Temporal does not know it, and it cannot be rebuilt: no report"
                + " that created it is stored (accepted before reports were stored)",
            workflowId);
        return false;
      }
      log.warn("{} was missing from Temporal; rebuilt from its stored reports", workflowId);
      return true;
    } catch (RuntimeException failed) {
      log.error("{} is missing from Temporal and rebuilding it failed", workflowId, failed);
      return false;
    }
  }
}
