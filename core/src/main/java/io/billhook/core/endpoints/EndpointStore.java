package io.billhook.core.endpoints;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billhook.core.chat.ChatFormat;
import io.billhook.core.secrets.DecryptedSecrets;
import io.billhook.core.secrets.SecretCipher;
import io.billhook.core.secrets.StoredData;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Endpoints in PostgreSQL. Every method is scoped by vendor so one vendor never sees another's.
 * Secrets are stored encrypted, bound to their vendor and endpoint; one that cannot be decrypted
 * reads as null (current) or is left out (retired), with a warning that never quotes it.
 */
@Repository
public class EndpointStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, vendor_id, url, events, description, headers::text AS headers, enabled,"
          + " disabled_reason, secret, created_at, updated_at, format, chat_id, template,"
          + " (SELECT json_agg(json_build_array(r.secret,"
          + " (extract(epoch FROM r.retired_at) * 1000)::bigint,"
          + " (extract(epoch FROM r.valid_until) * 1000)::bigint))"
          + " FROM endpoint_retired_secrets r WHERE r.vendor_id = endpoints.vendor_id"
          + " AND r.endpoint_id = endpoints.id AND r.valid_until > now())::text AS retired";
  private static final Logger log = LoggerFactory.getLogger(EndpointStore.class);

  private final JdbcClient jdbc;

  /** Encrypts each secret bound to its vendor and endpoint, and decrypts it for that row only. */
  private final SecretCipher cipher;

  /** The same secrets as read lately: an endpoint's every attempt reads its secrets. */
  private final DecryptedSecrets secrets;

  /** The custom headers, encrypted with the same keys, bound to their endpoint. */
  private final SealedHeaders headers;

  public EndpointStore(JdbcClient jdbc, SecretCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.secrets = new DecryptedSecrets(cipher);
    this.headers = new SealedHeaders(new StoredData(cipher));
  }

  public void insert(Endpoint e) {
    List<Object> params = new ArrayList<>(editable(e));
    params.addAll(
        List.of(e.id(), e.vendorId(), seal(e.secret(), e), Timestamp.from(e.createdAt())));
    jdbc.sql(
            "INSERT INTO endpoints (url, events, description, headers, enabled, disabled_reason,"
                + " updated_at, format, chat_id, template, id, vendor_id, secret, created_at)"
                + " VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(params)
        .update();
  }

  /** Writes the editable fields (url, events, description, headers, enabled, format...). */
  public void update(Endpoint e) {
    List<Object> params = new ArrayList<>(editable(e));
    params.addAll(List.of(e.vendorId(), e.id()));
    jdbc.sql(
            "UPDATE endpoints SET url = ?, events = ?, description = ?, headers = ?::jsonb,"
                + " enabled = ?, disabled_reason = ?, updated_at = ?, format = ?, chat_id = ?,"
                + " template = ? WHERE vendor_id = ? AND id = ?")
        .params(params)
        .update();
  }

  /** The editable fields and {@code updated_at}, in the order both writes name them. */
  private List<Object> editable(Endpoint e) {
    return Arrays.asList(
        e.url(),
        e.events().toArray(String[]::new),
        e.description(),
        headers.toColumn(e.headers(), e.vendorId(), e.id()),
        e.enabled(),
        e.disabledReason(),
        Timestamp.from(e.updatedAt()),
        e.format().wireName(),
        e.chatId(),
        e.template());
  }

  public Optional<Endpoint> find(String vendorId, String id) {
    return select(" AND id = ?", vendorId, id).optional();
  }

  public List<Endpoint> list(String vendorId) {
    return select(" ORDER BY created_at, id", vendorId).list();
  }

  /**
   * Enabled endpoints of the vendor subscribed to the type, exactly or with {@code "*"}: their id
   * and URL only, all that an event fans out to (no secret is read, nothing is decrypted).
   */
  public List<Subscriber> subscribedTo(String vendorId, String eventType) {
    return jdbc.sql(
            "SELECT id, url FROM endpoints WHERE vendor_id = ? AND enabled"
                + " AND (? = ANY(events) OR '*' = ANY(events)) ORDER BY created_at, id")
        .params(vendorId, eventType)
        .query((rs, row) -> new Subscriber(rs.getString(1), rs.getString(2)))
        .list();
  }

  /** An endpoint an event is for: its id and URL. */
  public record Subscriber(String id, String url) {}

  /**
   * What an attempt to deliver {@code eventId} to the endpoint reads, in one round trip: the
   * delivery's status, the endpoint as {@link #find} reads it, and the event's row.
   */
  public ForDelivery findForDelivery(String vendorId, String id, String eventId) {
    return jdbc.sql(
            "SELECT d.status AS delivery_status, ev.created_at AS event_created_at,"
                + " CASE WHEN ev.purged_at IS NULL THEN ev.body END AS event_body, x.*"
                + " FROM (SELECT 1) AS one"
                + " LEFT JOIN deliveries d ON d.vendor_id = ? AND d.event_id = ? AND d.endpoint_id = ?"
                + " LEFT JOIN events ev ON ev.vendor_id = ? AND ev.id = ?"
                + " LEFT JOIN (SELECT "
                + COLUMNS
                + " FROM endpoints WHERE vendor_id = ? AND id = ?) AS x ON TRUE")
        .params(vendorId, eventId, id, vendorId, eventId, vendorId, id)
        .query(
            (rs, row) -> {
              Timestamp accepted = rs.getTimestamp("event_created_at");
              return new ForDelivery(
                  Optional.ofNullable(rs.getString("delivery_status")),
                  rs.getString("id") == null ? Optional.empty() : Optional.of(map(rs, row)),
                  rs.getString("event_body"),
                  accepted == null ? null : accepted.toInstant());
            })
        .single();
  }

  /**
   * The status of a delivery ({@code pending}, ...) and the endpoint it is for, if they exist; the
   * event's envelope as stored (sealed, for {@code StoredBodies} to open; null when the event is
   * not stored or was purged) and when the event was accepted (null when not stored).
   */
  public record ForDelivery(
      Optional<String> deliveryStatus,
      Optional<Endpoint> endpoint,
      String storedBody,
      Instant eventAcceptedAt) {}

  /** The vendor's endpoints matching {@code condition}, whose parameters follow the vendor's id. */
  private JdbcClient.MappedQuerySpec<Endpoint> select(String condition, Object... params) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM endpoints WHERE vendor_id = ?" + condition)
        .params(params)
        .query(this::map);
  }

  public boolean delete(String vendorId, String id) {
    return jdbc.sql(
                "WITH retired AS (DELETE FROM endpoint_retired_secrets WHERE vendor_id = ?"
                    + " AND endpoint_id = ?) DELETE FROM endpoints WHERE vendor_id = ? AND id = ?")
            .params(vendorId, id, vendorId, id)
            .update()
        > 0;
  }

  public void disable(String vendorId, String id, String reason, Instant now) {
    jdbc.sql(
            "UPDATE endpoints SET enabled = FALSE, disabled_reason = ?, updated_at = ?"
                + " WHERE vendor_id = ? AND id = ?")
        .params(reason, Timestamp.from(now), vendorId, id)
        .update();
  }

  /**
   * Makes {@code newSecret} current; the one it replaces keeps signing until {@code validUntil},
   * and secrets retired before keep their own expiry. Expired ones are forgotten.
   *
   * @return false if there is no such endpoint
   */
  public boolean rotateSecret(
      String vendorId, String id, String newSecret, Instant now, Instant validUntil) {
    jdbc.sql(
            "DELETE FROM endpoint_retired_secrets WHERE vendor_id = ? AND endpoint_id = ?"
                + " AND valid_until <= ?")
        .params(vendorId, id, Timestamp.from(now))
        .update();
    // The secret being replaced is read under a row lock, so that two concurrent rotations each
    // retire a different secret.
    return jdbc.sql(
                "WITH rotated AS (UPDATE endpoints e SET secret = ?, updated_at = ? FROM (SELECT"
                    + " vendor_id, id, secret FROM endpoints WHERE vendor_id = ? AND id = ? FOR"
                    + " UPDATE) o WHERE e.vendor_id = o.vendor_id AND e.id = o.id RETURNING"
                    + " o.secret AS old_secret), retired AS (INSERT INTO endpoint_retired_secrets"
                    + " (vendor_id, endpoint_id, secret, retired_at, valid_until) SELECT ?, ?,"
                    + " old_secret, ?::timestamptz, ?::timestamptz FROM rotated WHERE ?)"
                    + " SELECT count(*) FROM rotated")
            .params(
                cipher.encrypt(newSecret, vendorId, id),
                Timestamp.from(now),
                vendorId,
                id,
                vendorId,
                id,
                Timestamp.from(now),
                Timestamp.from(validUntil),
                validUntil.isAfter(now))
            .query(Long.class)
            .single()
        > 0;
  }

  private Endpoint map(ResultSet rs, int row) throws SQLException {
    String vendorId = rs.getString("vendor_id");
    String id = rs.getString("id");
    return Endpoint.newBuilder()
        .setId(id)
        .setVendorId(vendorId)
        .setUrl(rs.getString("url"))
        .setEvents(strings(rs.getArray("events")))
        .setDescription(rs.getString("description"))
        .setHeaders(headers.fromColumn(rs.getString("headers"), vendorId, id))
        .setEnabled(rs.getBoolean("enabled"))
        .setDisabledReason(rs.getString("disabled_reason"))
        .setSecret(open(rs.getString("secret"), vendorId, id))
        .setRetiredSecrets(retired(rs.getString("retired"), vendorId, id))
        .setCreatedAt(rs.getTimestamp("created_at").toInstant())
        .setUpdatedAt(rs.getTimestamp("updated_at").toInstant())
        .setFormat(ChatFormat.parse(rs.getString("format")))
        .setChatId(rs.getString("chat_id"))
        .setTemplate(rs.getString("template"))
        .build();
  }

  private static List<String> strings(Array array) throws SQLException {
    return Arrays.asList((String[]) array.getArray());
  }

  /**
   * {@code [[secret, retiredAtMillis, validUntilMillis], ...]}, or null for none; a secret that
   * cannot be decrypted is left out, so it signs nothing.
   */
  private List<RetiredSecret> retired(String json, String vendorId, String id) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<List<Object>>>() {}).stream()
          .map(
              r ->
                  new RetiredSecret(
                      open((String) r.get(0), vendorId, id),
                      Instant.ofEpochMilli(((Number) r.get(1)).longValue()),
                      Instant.ofEpochMilli(((Number) r.get(2)).longValue())))
          .filter(r -> r.secret() != null)
          .toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String seal(String secret, Endpoint e) {
    return cipher.encrypt(secret, e.vendorId(), e.id());
  }

  /** The secret stored for the endpoint, or null (logged) if it cannot be decrypted. */
  private String open(String stored, String vendorId, String id) {
    try {
      return secrets.decrypt(stored, vendorId, id);
    } catch (SecretCipher.Unreadable e) {
      log.warn(
          "A secret of endpoint {} (vendor {}) is unreadable: {}", id, vendorId, e.getMessage());
      return null;
    }
  }
}
