package io.billhook.worker.lifecycle;

import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which trials and subscriptions have a lifecycle workflow, per vendor. */
@Repository
public class LifecycleRegistry {
  public static final String TRIAL = "trial";
  public static final String SUBSCRIPTION = "subscription";

  private final JdbcClient jdbc;

  public LifecycleRegistry(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void add(String vendorId, String kind, String entityId) {
    jdbc.sql(
            "INSERT INTO lifecycle_entities (vendor_id, kind, entity_id) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING")
        .params(vendorId, kind, entityId)
        .update();
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
