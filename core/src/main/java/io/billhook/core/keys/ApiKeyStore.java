package io.billhook.core.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** API keys in PostgreSQL: their hashes, never the keys. Scoped by vendor except for lookup. */
@Repository
class ApiKeyStore {
  private static final String COLUMNS = "id, vendor_id, name, created_at, last_used_at";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  ApiKeyStore(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** A stored hash and whose key it is. */
  record Stored(String vendorId, byte[] hash) {}

  /**
   * Stores the key unless its vendor already has {@code limit} keys; false if it has. Makes for one
   * vendor take turns (a transaction lock per vendor), so concurrent requests cannot together pass
   * the limit.
   */
  boolean insertWithin(ApiKey key, byte[] hash, int limit) {
    return Boolean.TRUE.equals(
        tx.execute(
            status -> {
              jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('api_keys'), hashtext(?))")
                  .param(key.vendorId())
                  .query()
                  .listOfRows();
              int held =
                  jdbc.sql("SELECT count(*) FROM api_keys WHERE vendor_id = ?")
                      .param(key.vendorId())
                      .query(Integer.class)
                      .single();
              if (held >= limit) {
                return false;
              }
              jdbc.sql(
                      "INSERT INTO api_keys (id, vendor_id, name, key_hash, created_at)"
                          + " VALUES (?, ?, ?, ?, ?)")
                  .params(
                      key.id(), key.vendorId(), key.name(), hash, Timestamp.from(key.createdAt()))
                  .update();
              return true;
            }));
  }

  List<ApiKey> list(String vendorId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM api_keys WHERE vendor_id = ? ORDER BY created_at, id")
        .param(vendorId)
        .query(ApiKeyStore::map)
        .list();
  }

  Optional<Stored> find(String id) {
    return jdbc.sql("SELECT vendor_id, key_hash FROM api_keys WHERE id = ?")
        .param(id)
        .query((rs, row) -> new Stored(rs.getString("vendor_id"), rs.getBytes("key_hash")))
        .optional();
  }

  /** Notes a use, at most once a minute per key, so that busy keys do not write on every call. */
  void touch(String id, Instant now) {
    jdbc.sql(
            "UPDATE api_keys SET last_used_at = ? WHERE id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < ?)")
        .params(Timestamp.from(now), id, Timestamp.from(now.minusSeconds(60)))
        .update();
  }

  boolean delete(String vendorId, String id) {
    return jdbc.sql("DELETE FROM api_keys WHERE vendor_id = ? AND id = ?")
            .params(vendorId, id)
            .update()
        > 0;
  }

  private static ApiKey map(ResultSet rs, int row) throws SQLException {
    String id = rs.getString("id");
    Timestamp lastUsed = rs.getTimestamp("last_used_at");
    return new ApiKey(
        id,
        rs.getString("vendor_id"),
        rs.getString("name"),
        KeyFormat.shownPrefix(id),
        rs.getTimestamp("created_at").toInstant(),
        lastUsed == null ? null : lastUsed.toInstant());
  }
}
