package io.billhook.core.secrets;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps endpoint secrets encrypted under the current key. At every start, before the workers and
 * the API run: refuses keys that differ from the ones first used under the same id, forgets
 * rotated-out secrets past their overlap, refuses to start when stored secrets name a key that is
 * not configured, then encrypts under the current key every secret still in plain text (written
 * before encryption at rest) or under an older key. Processes starting together may both do it:
 * each row is rewritten only if nobody changed it.
 */
@Component
public class SecretsAtRest implements InitializingBean {
  private static final Logger log = LoggerFactory.getLogger(SecretsAtRest.class);
  private static final String CHECK = "billhook key check";
  private static final List<Table> TABLES =
      List.of(new Table("endpoints", "id"), new Table("endpoint_retired_secrets", "endpoint_id"));

  private final JdbcClient jdbc;

  /** Encrypts under the current key of {@link #keys}, and decrypts under any of them. */
  private final SecretCipher cipher;

  private final SecretKeys keys;

  public SecretsAtRest(JdbcClient jdbc, SecretCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.keys = cipher.keys();
  }

  @Override
  public void afterPropertiesSet() {
    checkKeys();
    // Rotated-out secrets past their overlap sign nothing: forgotten rather than kept.
    jdbc.sql("DELETE FROM endpoint_retired_secrets WHERE valid_until <= now()").update();
    refuseUnknownKeys();
    int rewritten = TABLES.stream().mapToInt(this::reencrypt).sum();
    if (rewritten > 0) {
      log.info("Encrypted {} endpoint secrets under key {}", rewritten, keys.current());
    }
  }

  /** Each configured key decrypts the check value first written under its id. */
  void checkKeys() {
    for (String id : keys.ids()) {
      jdbc.sql(
              "INSERT INTO secret_key_checks (key_id, check_value) VALUES (?, ?)"
                  + " ON CONFLICT (key_id) DO NOTHING")
          .params(id, cipher.encryptUnder(id, CHECK, "secret_key_checks", id))
          .update();
      String stored =
          jdbc.sql("SELECT check_value FROM secret_key_checks WHERE key_id = ?")
              .param(id)
              .query(String.class)
              .single();
      try {
        cipher.decrypt(stored, "secret_key_checks", id);
      } catch (SecretCipher.Unreadable e) {
        throw new IllegalStateException(
            "Key "
                + id
                + " of "
                + SecretKeys.SETTING
                + " is not the key first used under that id, so the secrets stored under it"
                + " cannot be read; configure the original key under that id (a new key needs a"
                + " new id)");
      }
    }
  }

  private void refuseUnknownKeys() {
    Set<String> unknown = new TreeSet<>();
    for (Table table : TABLES) {
      unknown.addAll(
          jdbc.sql(
                  "SELECT DISTINCT split_part(secret, ':', 2) FROM "
                      + table.name()
                      + " WHERE starts_with(secret, 'v1:')")
              .query(String.class)
              .list());
    }
    unknown.removeAll(keys.ids());
    if (!unknown.isEmpty()) {
      throw new IllegalStateException(
          "Endpoint secrets are stored under key ids "
              + unknown
              + " that "
              + SecretKeys.SETTING
              + " does not hold; add those keys back (after the current one) so they can be"
              + " read and re-encrypted");
    }
  }

  /** Rewrites the table's secrets not under the current key; returns how many. */
  private int reencrypt(Table table) {
    String name = table.name();
    String endpointId = table.endpointIdColumn();
    List<StoredRow> rows =
        jdbc.sql(
                "SELECT vendor_id, "
                    + endpointId
                    + ", secret FROM "
                    + name
                    + " WHERE NOT starts_with(secret, ?)")
            .param("v1:" + keys.current() + ":")
            .query((rs, n) -> new StoredRow(rs.getString(1), rs.getString(2), rs.getString(3)))
            .list();
    int rewritten = 0;
    for (StoredRow row : rows) {
      String secret;
      try {
        secret =
            SecretCipher.keyId(row.stored()) == null
                ? row.stored()
                : cipher.decrypt(row.stored(), row.vendorId(), row.endpointId());
      } catch (SecretCipher.Unreadable e) {
        log.warn(
            "Secret of endpoint {} (vendor {}) in {} left as it is: {}",
            row.endpointId(),
            row.vendorId(),
            name,
            e.getMessage());
        continue;
      }
      rewritten +=
          jdbc.sql(
                  "UPDATE "
                      + name
                      + " SET secret = ? WHERE vendor_id = ? AND "
                      + endpointId
                      + " = ? AND secret = ?")
              .params(
                  cipher.encrypt(secret, row.vendorId(), row.endpointId()),
                  row.vendorId(),
                  row.endpointId(),
                  row.stored())
              .update();
    }
    return rewritten;
  }

  /** A table of endpoint secrets and its column naming the endpoint. */
  private record Table(String name, String endpointIdColumn) {}

  private record StoredRow(String vendorId, String endpointId, String stored) {}
}
