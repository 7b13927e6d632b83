package io.billhook.core.secrets;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps customer data at rest encrypted under the current key: at every start, after {@link
 * SecretsAtRest} checked the keys, encrypts under the current key, in batches, every event
 * envelope, lifecycle report envelope and endpoint's custom headers still in plain text (written
 * before encryption at rest) or under an older key. Each row is rewritten only if nobody changed
 * it; one that cannot be decrypted is left as it is, with a warning naming the row.
 */
@Component
public class DataAtRest implements InitializingBean {
  private static final Logger log = LoggerFactory.getLogger(DataAtRest.class);
  private static final int BATCH = 500;
  private static final String HEADERS =
      "CASE WHEN jsonb_typeof(headers) = 'string' THEN headers #>> '{}' ELSE headers::text END";
  private static final List<Column> COLUMNS =
      List.of(
          new Column(
              "events",
              "id",
              "body",
              "events.body",
              "body IS NOT NULL AND purged_at IS NULL",
              "body = ?"),
          new Column(
              "lifecycle_reports",
              "event_id",
              "body",
              "lifecycle_reports.body",
              "body IS NOT NULL",
              "body = ?"),
          new Column(
              "endpoints",
              "id",
              HEADERS,
              "endpoints.headers",
              "headers <> '{}'::jsonb",
              "headers = to_jsonb(?::text)"));

  private final JdbcClient jdbc;
  private final SecretCipher cipher;

  /** Runs after {@code secretsAtRest}, which refuses keys that differ from the ones first used. */
  public DataAtRest(JdbcClient jdbc, SecretCipher cipher, SecretsAtRest secretsAtRest) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  @Override
  public void afterPropertiesSet() {
    for (Column column : COLUMNS) {
      int rewritten = reencrypt(column);
      if (rewritten > 0) {
        log.info(
            "Encrypted {} of {} under key {}",
            rewritten,
            column.binding(),
            cipher.keys().current());
      }
    }
  }

  /**
   * Rewrites the column's values not under the current key, a batch at a time; returns how many.
   */
  int reencrypt(Column c) {
    String current = "v1:" + cipher.keys().current() + ":";
    String afterVendor = "";
    String afterId = "";
    int rewritten = 0;
    while (true) {
      List<String[]> rows =
          jdbc.sql(
                  "SELECT vendor_id, "
                      + c.key()
                      + ", "
                      + c.read()
                      + " FROM "
                      + c.table()
                      + " WHERE "
                      + c.present()
                      + " AND NOT starts_with("
                      + c.read()
                      + ", ?)"
                      + " AND (vendor_id, "
                      + c.key()
                      + ") > (?, ?)"
                      + " ORDER BY vendor_id, "
                      + c.key()
                      + " LIMIT ?")
              .params(current, afterVendor, afterId, BATCH)
              .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
              .list();
      for (String[] row : rows) {
        rewritten += rewrite(c, row[0], row[1], row[2]);
      }
      if (rows.size() < BATCH) {
        return rewritten;
      }
      afterVendor = rows.get(rows.size() - 1)[0];
      afterId = rows.get(rows.size() - 1)[1];
    }
  }

  private int rewrite(Column c, String vendorId, String id, String stored) {
    String plain;
    try {
      plain = new StoredData(cipher).open(stored, c.binding(), vendorId, id);
    } catch (SecretCipher.Unreadable e) {
      log.warn("{} of {} (vendor {}) left as it is: {}", c.binding(), id, vendorId, e.getMessage());
      return 0;
    }
    return jdbc.sql(
            "UPDATE "
                + c.table()
                + " SET "
                + c.write()
                + " WHERE vendor_id = ? AND "
                + c.key()
                + " = ? AND "
                + c.read()
                + " = ?")
        .params(cipher.encrypt(plain, c.binding(), vendorId, id), vendorId, id, stored)
        .update();
  }

  /**
   * A column of customer data: its table, the column naming the row beside the vendor, the
   * expression reading the stored text, the binding's first part, which rows hold data, and the
   * assignment writing the stored text.
   */
  record Column(
      String table, String key, String read, String binding, String present, String write) {}
}
