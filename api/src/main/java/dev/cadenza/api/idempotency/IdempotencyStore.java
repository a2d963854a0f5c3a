package dev.cadenza.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code idempotency_keys} table. Every statement commits on its own (no surrounding
 * transaction), so a claim is visible to concurrent duplicates at once. A claim carries a token
 * (whose it is) and a lease its holder renews; only the holder may complete or release it.
 */
@Component
public class IdempotencyStore {
  private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper objectMapper;

  public IdempotencyStore(JdbcClient jdbc, ObjectMapper objectMapper) {
    this.jdbc = jdbc;
    this.objectMapper = objectMapper;
  }

  /**
   * A key's row.
   *
   * @param requestHash see {@link RequestHash}
   * @param done whether the first answer is stored (else the first request is still running)
   * @param responseStatus the first answer's status, when done
   * @param responseBody the first answer's body, when done (null for an empty one)
   * @param responseHeaders the first answer's replayed headers, when done
   * @param expired whether the row is older than the time to live: it no longer counts
   * @param abandoned in progress with its lease run out: its request died with its process
   */
  record Entry(
      String requestHash,
      boolean done,
      int responseStatus,
      ObjectNode responseBody,
      Map<String, List<String>> responseHeaders,
      boolean expired,
      boolean abandoned) {}

  /**
   * Inserts the key as in progress, held by {@code token} for {@code lease}; false when a row for
   * it exists (whatever its state).
   */
  boolean claim(String principal, String key, String requestHash, String token, Duration lease) {
    return jdbc.sql("""
            insert into idempotency_keys
              (user_id, key, request_hash, status, claim_token, lease_until)
            values (:principal, :key, :hash, 'in_progress', :token,
                    now() + make_interval(secs => :lease))
            on conflict (user_id, key) do nothing""")
            .param("principal", principal)
            .param("key", key)
            .param("hash", requestHash)
            .param("token", token)
            .param("lease", seconds(lease))
            .update()
        == 1;
  }

  /** Takes over an abandoned claim of the same request for {@code token}; false if none. */
  boolean takeOver(String principal, String key, String requestHash, String token, Duration lease) {
    return jdbc.sql("""
            update idempotency_keys
            set claim_token = :token, lease_until = now() + make_interval(secs => :lease)
            where user_id = :principal and key = :key and request_hash = :hash
              and status = 'in_progress' and lease_until < now()""")
            .param("principal", principal)
            .param("key", key)
            .param("hash", requestHash)
            .param("token", token)
            .param("lease", seconds(lease))
            .update()
        == 1;
  }

  /** Extends the lease of a claim {@code token} still holds; false if it no longer does. */
  boolean renew(String principal, String key, String token, Duration lease) {
    return jdbc.sql("""
            update idempotency_keys
            set lease_until = now() + make_interval(secs => :lease)
            where user_id = :principal and key = :key and claim_token = :token
              and status = 'in_progress'""")
            .param("principal", principal)
            .param("key", key)
            .param("token", token)
            .param("lease", seconds(lease))
            .update()
        == 1;
  }

  Optional<Entry> find(String principal, String key, Duration timeToLive) {
    return jdbc.sql("""
            select request_hash, status = 'done' as done, response_status,
                   response_body::text as body, response_headers::text as headers,
                   created_at < now() - make_interval(secs => :ttl) as expired,
                   status = 'in_progress' and lease_until < now() as abandoned
            from idempotency_keys
            where user_id = :principal and key = :key""")
        .param("principal", principal)
        .param("key", key)
        .param("ttl", (double) timeToLive.toSeconds())
        .query((rs, n) -> new Entry(
            rs.getString("request_hash"),
            rs.getBoolean("done"),
            rs.getInt("response_status"),
            body(rs.getString("body")),
            headers(rs.getString("headers")),
            rs.getBoolean("expired"),
            rs.getBoolean("abandoned")))
        .optional();
  }

  /** Stores the first answer of a key {@code token} holds; false if it no longer holds it. */
  boolean complete(
      String principal,
      String key,
      String token,
      int status,
      JsonNode body,
      Map<String, List<String>> headers) {
    return jdbc.sql("""
            update idempotency_keys
            set status = 'done', response_status = :status,
                response_body = cast(:body as jsonb), response_headers = cast(:headers as jsonb)
            where user_id = :principal and key = :key and claim_token = :token
              and status = 'in_progress'""")
            .param("principal", principal)
            .param("key", key)
            .param("token", token)
            .param("status", status)
            .param("body", json(body))
            .param("headers", headers.isEmpty() ? null : json(objectMapper.valueToTree(headers)))
            .update()
        == 1;
  }

  /** Gives up a claim (the request failed on the server's side): the key is free again. */
  void release(String principal, String key, String token) {
    jdbc.sql("""
            delete from idempotency_keys
            where user_id = :principal and key = :key and claim_token = :token
              and status = 'in_progress'""")
        .param("principal", principal)
        .param("key", key)
        .param("token", token)
        .update();
  }

  /** Deletes the key's row if it is older than the time to live. */
  void deleteIfExpired(String principal, String key, Duration timeToLive) {
    jdbc.sql("""
            delete from idempotency_keys
            where user_id = :principal and key = :key
              and created_at < now() - make_interval(secs => :ttl)""")
        .param("principal", principal)
        .param("key", key)
        .param("ttl", (double) timeToLive.toSeconds())
        .update();
  }

  /** Deletes every row older than the time to live; returns how many. */
  public int deleteExpired(Duration timeToLive) {
    return jdbc.sql(
            "delete from idempotency_keys where created_at < now() - make_interval(secs => :ttl)")
        .param("ttl", (double) timeToLive.toSeconds())
        .update();
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  private String json(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return objectMapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  private ObjectNode body(String json) {
    if (json == null) {
      return null;
    }
    try {
      return (ObjectNode) objectMapper.readTree(json);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("stored idempotent response is not a JSON object", e);
    }
  }

  private Map<String, List<String>> headers(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return objectMapper.readValue(json, HEADERS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored idempotent headers are not readable", e);
    }
  }
}
