package io.billhook.core.lifecycle;

import io.billhook.core.lifecycle.LifecycleRegistry.Entity;
import io.billhook.workflows.lifecycle.LifecycleSettings;
import io.billhook.workflows.lifecycle.RolloutCursor;
import io.billhook.workflows.lifecycle.RolloutPage;
import io.billhook.workflows.lifecycle.SettingsRolloutActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.converter.DataConverterException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Component;

/**
 * Signals new settings to a vendor's running lifecycle workflows a page at a time, in key order.
 * Each signal is heartbeated with where it stands, so a retried attempt resumes after the last
 * entity signalled instead of starting over; entities whose life is over are skipped.
 */
@Component
public class SettingsRolloutActivitiesImpl implements SettingsRolloutActivities {
  /** Entities per page: one activity call, held in memory at once. */
  static final int PAGE = 500;

  /** Signals sent at once: each waits for Temporal, so a few in flight multiply the rate. */
  static final int IN_FLIGHT = 8;

  private final LifecycleRegistry registry;
  private final RunningEntities running;
  private final LifecycleWorkflows workflows;

  SettingsRolloutActivitiesImpl(
      LifecycleRegistry registry, RunningEntities running, LifecycleWorkflows workflows) {
    this.registry = registry;
    this.running = running;
    this.workflows = workflows;
  }

  @Override
  public RolloutPage signalPage(String vendorId, LifecycleSettings settings, RolloutCursor after) {
    return signalFrom(vendorId, settings, resumed(after));
  }

  /** What rollouts started before paging call: every page in one attempt, resuming likewise. */
  @Override
  public int signalAll(String vendorId, LifecycleSettings settings) {
    RolloutPage progress = resumed(RolloutCursor.START);
    while (!progress.last()) {
      progress = signalFrom(vendorId, settings, progress);
    }
    return progress.signalled();
  }

  /**
   * Where an earlier attempt of this call got to, or {@code start}. An attempt made before paging
   * heartbeated a bare count, which says nothing of where it stood: that one starts over (a
   * repeated signal changes nothing).
   */
  private static RolloutPage resumed(RolloutCursor start) {
    try {
      return Activity.getExecutionContext()
          .getHeartbeatDetails(RolloutPage.class)
          .orElse(new RolloutPage(0, start));
    } catch (DataConverterException countOnly) {
      return new RolloutPage(0, start);
    }
  }

  /**
   * Signals the page after {@code from}, {@link #IN_FLIGHT} signals at a time, counting on from it
   * and heartbeating after each batch; answers the count and where the next page starts.
   */
  private RolloutPage signalFrom(String vendorId, LifecycleSettings settings, RolloutPage from) {
    if (from.last()) {
      return from;
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    List<Entity> page = registry.page(vendorId, from.next(), PAGE);
    List<Entity> running = this.running.of(vendorId, page);
    int signalled = from.signalled();
    ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT);
    try {
      for (int i = 0; i < running.size(); i += IN_FLIGHT) {
        List<Entity> batch = running.subList(i, Math.min(i + IN_FLIGHT, running.size()));
        List<Future<Boolean>> sent =
            batch.stream().map(e -> senders.submit(() -> signal(e, settings))).toList();
        for (Future<Boolean> signal : sent) {
          signalled += delivered(signal) ? 1 : 0;
        }
        context.heartbeat(new RolloutPage(signalled, cursorAt(batch.get(batch.size() - 1))));
      }
    } finally {
      senders.shutdownNow();
    }
    RolloutPage done =
        new RolloutPage(signalled, page.size() < PAGE ? null : cursorAt(page.get(page.size() - 1)));
    context.heartbeat(done);
    return done;
  }

  /** Whether the signal reached a running workflow; its failure fails the attempt. */
  private static boolean delivered(Future<Boolean> signal) {
    try {
      return signal.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    } catch (ExecutionException e) {
      throw Activity.wrap(e.getCause());
    }
  }

  private boolean signal(Entity entity, LifecycleSettings settings) {
    try {
      if (LifecycleRegistry.TRIAL.equals(entity.kind())) {
        workflows.trial(entity.vendorId(), entity.entityId()).changeSettings(settings);
      } else {
        workflows.subscription(entity.vendorId(), entity.entityId()).changeSettings(settings);
      }
      return true;
    } catch (WorkflowNotFoundException ended) {
      // Ended since the page was read, or closed by Temporal: nothing left to re-plan.
      return false;
    }
  }

  private static RolloutCursor cursorAt(Entity entity) {
    return new RolloutCursor(entity.kind(), entity.entityId());
  }
}
