package io.billhook.core.lifecycle;

import io.billhook.workflows.events.EventType;
import java.util.List;
import java.util.function.Consumer;
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

  /** Streams every entity of the vendor as {kind, id}, without loading them all at once. */
  public void forEach(String vendorId, Consumer<String[]> action) {
    jdbc.sql("SELECT kind, entity_id FROM lifecycle_entities WHERE vendor_id = ?")
        .param(vendorId)
        .query(
            rs -> {
              action.accept(new String[] {rs.getString(1), rs.getString(2)});
            });
  }
}
