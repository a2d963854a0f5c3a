package dev.cadenza.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code uploads} table. Every state change is conditional on the current status, so a
 * retried activity or a late call never moves an upload backwards; {@link #markUsed} and {@link
 * #expireUnused} contend for the same row, so an upload is either used or deleted, never both.
 */
@Repository
public class UploadStore {
  private static final String COLUMNS = "id, seq, user_id, status, content_type, size_bytes,"
      + " filename, storage_key, sha256, metadata, expires_at, created_at, completed_at, used_at";
  private static final TypeReference<Map<String, String>> FACTS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public UploadStore(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public void insert(
      String id,
      String userId,
      String contentType,
      long sizeBytes,
      String filename,
      String storageKey,
      Instant expiresAt) {
    jdbc.sql("insert into uploads (id, user_id, content_type, size_bytes, filename, storage_key,"
            + " expires_at) values (:id, :user, :type, :size, :filename, :key, :expires)")
        .param("id", id)
        .param("user", userId)
        .param("type", contentType)
        .param("size", sizeBytes)
        .param("filename", filename)
        .param("key", storageKey)
        .param("expires", Timestamp.from(expiresAt))
        .update();
  }

  public Optional<Upload> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from uploads where id = :id")
        .param("id", id)
        .query(this::map)
        .optional();
  }

  /** Newest first; {@code beforeSeq} is the previous page's cursor (null for the first). */
  public List<Upload> list(String userId, int limit, Long beforeSeq) {
    return jdbc.sql("select " + COLUMNS + " from uploads where user_id = :user"
            + " and (cast(:before as bigint) is null or seq < :before)"
            + " order by seq desc limit :limit")
        .param("user", userId)
        .param("before", beforeSeq)
        .param("limit", limit)
        .query(this::map)
        .list();
  }

  public boolean markReady(String id, String sha256, Map<String, String> facts) {
    return jdbc.sql(
                "update uploads set status = 'ready', sha256 = :sha, metadata ="
                    + " cast(:facts as jsonb), completed_at = now() where id = :id and status = 'pending'")
            .param("id", id)
            .param("sha", sha256)
            .param("facts", write(facts))
            .update()
        == 1;
  }

  public boolean markInvalid(String id) {
    return jdbc.sql("update uploads set status = 'invalid' where id = :id and status = 'pending'")
            .param("id", id)
            .update()
        == 1;
  }

  /** A pending upload whose URL lapsed unused. */
  public boolean expirePending(String id) {
    return jdbc.sql("update uploads set status = 'expired' where id = :id and status = 'pending'")
            .param("id", id)
            .update()
        == 1;
  }

  /** A ready upload that no generation used; false once one did (or it already expired). */
  public boolean expireUnused(String id) {
    return jdbc.sql("update uploads set status = 'expired' where id = :id and status = 'ready'"
                + " and used_at is null")
            .param("id", id)
            .update()
        == 1;
  }

  /**
   * Marks the user's ready upload as used by a generation, in the caller's transaction (the
   * generation's create): from then on it is kept. False when it is not (or no longer) the
   * user's ready upload, e.g. it expired a moment ago.
   */
  public boolean markUsed(String id, String userId) {
    return jdbc.sql("update uploads set used_at = coalesce(used_at, now()) where id = :id"
                + " and user_id = :user and status = 'ready'")
            .param("id", id)
            .param("user", userId)
            .update()
        == 1;
  }

  private Upload map(ResultSet rs, int row) throws SQLException {
    return new Upload(
        rs.getString("id"),
        rs.getLong("seq"),
        rs.getString("user_id"),
        rs.getString("status"),
        rs.getString("content_type"),
        rs.getLong("size_bytes"),
        rs.getString("filename"),
        rs.getString("storage_key"),
        rs.getString("sha256"),
        read(rs.getString("metadata")),
        instant(rs.getTimestamp("expires_at")),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("completed_at")),
        instant(rs.getTimestamp("used_at")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private String write(Map<String, String> facts) {
    try {
      return json.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> read(String text) {
    try {
      return text == null ? Map.of() : json.readValue(text, FACTS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
