package io.billhook.core.lifecycle;

import io.billhook.core.lifecycle.LifecycleRegistry.Entity;
import io.billhook.workflows.events.EventType;
import io.billhook.workflows.lifecycle.GeneratedEventIds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which entities of a page are still running, by what the record says of their end (as {@link
 * EntityRecord#ended}): their final timed event is stored, or the trial was converted. Two queries
 * per page, whatever its size.
 */
@Component
class RunningEntities {
  private final JdbcClient jdbc;

  RunningEntities(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The entities of {@code page} (all of one vendor) whose life is not over, in page order. */
  List<Entity> of(String vendorId, List<Entity> page) {
    if (page.isEmpty()) {
      return page;
    }
    Set<String> endedEvents =
        matching(
            "SELECT id FROM events WHERE vendor_id = ? AND id = ANY(?)",
            vendorId,
            page.stream().map(RunningEntities::finalEventId).toArray(String[]::new));
    Set<String> convertedTrials =
        matching(
            "SELECT trial_id FROM lifecycle_reports WHERE vendor_id = ? AND trial_id = ANY(?)",
            vendorId,
            page.stream()
                .filter(e -> LifecycleRegistry.TRIAL.equals(e.kind()))
                .map(Entity::entityId)
                .toArray(String[]::new));
    return page.stream()
        .filter(e -> !endedEvents.contains(finalEventId(e)))
        .filter(
            e ->
                !(LifecycleRegistry.TRIAL.equals(e.kind())
                    && convertedTrials.contains(e.entityId())))
        .toList();
  }

  private Set<String> matching(String sql, String vendorId, String[] values) {
    if (values.length == 0) {
      return Set.of();
    }
    return new HashSet<>(jdbc.sql(sql).params(vendorId, values).query(String.class).list());
  }

  private static String finalEventId(Entity e) {
    EventType.Entity entity =
        LifecycleRegistry.TRIAL.equals(e.kind())
            ? EventType.Entity.TRIAL
            : EventType.Entity.SUBSCRIPTION;
    return GeneratedEventIds.of(
        e.vendorId(), e.kind() + "/" + e.entityId(), entity.end().wireName());
  }
}
