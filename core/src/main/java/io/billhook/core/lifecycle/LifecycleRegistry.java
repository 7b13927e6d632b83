package io.billhook.core.lifecycle;

import io.billhook.workflows.events.EventType;
import io.billhook.workflows.lifecycle.RolloutCursor;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which trials and subscriptions have a lifecycle workflow, per vendor. */
@Repository
public class LifecycleRegistry {
  public static final String TRIAL = EventType.Entity.TRIAL.kind();
  public static final String SUBSCRIPTION = EventType.Entity.SUBSCRIPTION.kind();

  private final JdbcClient jdbc;

  public LifecycleRegistry(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A registered trial or subscription. */
  public record Entity(String vendorId, String kind, String entityId) {
    static final Entity FIRST = new Entity("", "", "");
  }

  public void add(String vendorId, String kind, String entityId) {
    jdbc.sql(
            "INSERT INTO lifecycle_entities (vendor_id, kind, entity_id) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING")
        .params(vendorId, kind, entityId)
        .update();
  }

  public boolean contains(String vendorId, String kind, String entityId) {
    return jdbc.sql(
                "SELECT count(*) FROM lifecycle_entities"
                    + " WHERE vendor_id = ? AND kind = ? AND entity_id = ?")
            .params(vendorId, kind, entityId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Up to {@code limit} entities of every vendor after {@code after}, in key order. */
  List<Entity> page(Entity after, int limit) {
    return jdbc.sql(
            "SELECT vendor_id, kind, entity_id FROM lifecycle_entities"
                + " WHERE (vendor_id, kind, entity_id) > (?, ?, ?)"
                + " ORDER BY vendor_id, kind, entity_id LIMIT ?")
        .params(after.vendorId(), after.kind(), after.entityId(), limit)
        .query((rs, row) -> new Entity(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  /**
   * Up to {@code limit} of the vendor's entities after {@code after}, in key order (kind, then id):
   * a keyset page on the primary key, so a walk costs one index range scan per page whatever its
   * size and sees every entity that exists for its whole duration exactly once.
   */
  public List<Entity> page(String vendorId, RolloutCursor after, int limit) {
    return jdbc.sql(
            "SELECT vendor_id, kind, entity_id FROM lifecycle_entities"
                + " WHERE vendor_id = ? AND (kind, entity_id) > (?, ?)"
                + " ORDER BY kind, entity_id LIMIT ?")
        .params(vendorId, after.kind(), after.entityId(), limit)
        .query((rs, row) -> new Entity(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }
}
