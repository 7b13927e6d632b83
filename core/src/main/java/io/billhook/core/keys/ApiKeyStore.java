package io.billhook.core.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys in PostgreSQL: their hashes, never the keys. Scoped by vendor except for lookup. */
@Repository
class ApiKeyStore {
  private static final String COLUMNS = "id, vendor_id, name, created_at, last_used_at";

  private final JdbcClient jdbc;

  ApiKeyStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored hash and whose key it is. */
  record Stored(String vendorId, byte[] hash) {}

  void insert(ApiKey key, byte[] hash) {
    jdbc.sql(
            "INSERT INTO api_keys (id, vendor_id, name, key_hash, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(key.id(), key.vendorId(), key.name(), hash, Timestamp.from(key.createdAt()))
        .update();
  }

  int count(String vendorId) {
    return jdbc.sql("SELECT count(*) FROM api_keys WHERE vendor_id = ?")
        .param(vendorId)
        .query(Integer.class)
        .single();
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
