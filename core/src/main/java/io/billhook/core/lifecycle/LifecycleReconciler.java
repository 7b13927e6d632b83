package io.billhook.core.lifecycle;

import io.billhook.core.lifecycle.LifecycleRegistry.Entity;
import io.billhook.core.reconcile.Reconciler;
import java.util.List;
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
  private final LifecycleWorkflows workflows;
  private final EntityRebuilder rebuilder;
  private final EntityEnds ends;

  public LifecycleReconciler(
      LifecycleRegistry registry,
      LifecycleWorkflows workflows,
      EntityRebuilder rebuilder,
      EntityEnds ends) {
    this.registry = registry;
    this.workflows = workflows;
    this.rebuilder = rebuilder;
    this.ends = ends;
  }

  @Override
  public String name() {
    return "lifecycle";
  }

  @Override
  public int reconcile() {
    int repaired = 0;
    Entity after = Entity.FIRST;
    List<Entity> page;
    do {
      page = registry.page(after, PAGE);
      for (Entity entity : page) {
        repaired += repair(entity) ? 1 : 0;
      }
      after = page.isEmpty() ? after : page.get(page.size() - 1);
    } while (page.size() == PAGE);
    return repaired;
  }

  private boolean repair(Entity e) {
    String workflowId = LifecycleWorkflows.workflowId(e.kind(), e.vendorId(), e.entityId());
    try {
      if (workflows.known(workflowId) != LifecycleWorkflows.Known.MISSING
          || ends.ended(e.vendorId(), e.kind(), e.entityId())) {
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
