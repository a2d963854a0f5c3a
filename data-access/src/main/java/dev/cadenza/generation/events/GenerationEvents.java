package dev.cadenza.generation.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.webhook.WebhookDeliveries;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event log of generations ({@code generation_events}), which the API streams as SSE. An
 * append also sends {@code NOTIFY generation_events} with the generation id, delivered on commit
 * to every listening API process; the notification only wakes readers, who then read the table.
 *
 * <p>Appends of one generation take a transaction-scoped advisory lock, so their ids grow in
 * commit order and a reader that remembers the last id it saw never skips one. Nothing is
 * appended after a generation's terminal event, nor for an id that is not a generation, nor a
 * progress event whose percent its step's last one already said (workers repeat an unchanged
 * percent as a heartbeat; the stream and the webhooks only tell changes).
 */
@Repository
public class GenerationEvents {
  /** The PostgreSQL notification channel; the payload is the generation id. */
  public static final String CHANNEL = "generation_events";

  private static final Logger log = LoggerFactory.getLogger(GenerationEvents.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String TERMINAL = "('completed', 'failed', 'canceled')";

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final TransactionTemplate required;
  private final TransactionTemplate nested;
  private WebhookDeliveries webhooks;

  public GenerationEvents(
      JdbcClient jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.json = json;
    this.required = new TransactionTemplate(transactions);
    this.nested = new TransactionTemplate(transactions);
    nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Webhook deliveries are recorded with the events they announce (absent in some tests). */
  @Autowired(required = false)
  public void setWebhookDeliveries(WebhookDeliveries webhooks) {
    this.webhooks = webhooks;
  }

  /**
   * Appends an event in the caller's transaction, or in its own when there is none.
   *
   * @return its id; empty when it was not appended (no such generation, or it has ended)
   */
  public Optional<Long> append(String generationId, GenerationEventType type, JsonNode data) {
    return required.execute(status -> insert(generationId, type, data));
  }

  /**
   * Like {@link #append}, for emitters whose own work must not fail with it: errors are logged,
   * and inside a caller's transaction the append runs in a savepoint, so its failure leaves the
   * caller's writes intact.
   */
  public void emit(String generationId, GenerationEventType type, JsonNode data) {
    try {
      nested.executeWithoutResult(status -> insert(generationId, type, data));
    } catch (RuntimeException e) {
      log.warn("Could not append event {} of {}", type.wireName(), generationId, e);
    }
  }

  /** The events of a generation after {@code afterId}, oldest first, at most {@code limit}. */
  public List<GenerationEvent> since(String generationId, long afterId, int limit) {
    return jdbc.sql("select id, generation_id, event, data, created_at from generation_events"
            + " where generation_id = :id and id > :after order by id limit :limit")
        .param("id", generationId)
        .param("after", afterId)
        .param("limit", limit)
        .query(this::map)
        .list();
  }

  /** The {@code step_started} and {@code step_completed} events of a generation, oldest first. */
  public List<GenerationEvent> stepEvents(String generationId) {
    return stepEvents(generationId, Long.MAX_VALUE);
  }

  /** Like {@link #stepEvents(String)}, up to and including event {@code upToId}. */
  public List<GenerationEvent> stepEvents(String generationId, long upToId) {
    return jdbc.sql("select id, generation_id, event, data, created_at from generation_events"
            + " where generation_id = :id and event in ('step_started', 'step_completed')"
            + " and id <= :upTo order by id")
        .param("id", generationId)
        .param("upTo", upToId)
        .query(this::map)
        .list();
  }

  /** Whether the generation's terminal event has been appended. */
  public boolean ended(String generationId) {
    return jdbc.sql("select exists (select 1 from generation_events where generation_id = :id"
            + " and event in " + TERMINAL + ")")
        .param("id", generationId)
        .query(Boolean.class)
        .single();
  }

  /** {@code {"status": "running"}} */
  public static ObjectNode status(String status) {
    return NODES.objectNode().put("status", status);
  }

  /** {@code {"step": "generateAudio"}} */
  public static ObjectNode step(String step) {
    return NODES.objectNode().put("step", step);
  }

  /** {@code {"step": "generateAudio", "percent": 40}} */
  public static ObjectNode progress(String step, int percent) {
    return step(step).put("percent", percent);
  }

  /** {@code {"status": "failed", "code": ..., "message": ...}}; the generation has the rest. */
  public static ObjectNode outcome(String status, String code, String message) {
    ObjectNode node = status(status);
    if (code != null) {
      node.put("code", code).put("message", message);
    }
    return node;
  }

  private Optional<Long> insert(String generationId, GenerationEventType type, JsonNode data) {
    // A separate statement, so that the insert's snapshot sees what the lock holder committed.
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:id, 0))")
        .param("id", generationId)
        .query((rs, row) -> row)
        .list();
    return jdbc.sql("with appended as (insert into generation_events (generation_id, event, data)"
            + " select :id, :event, cast(:data as jsonb)"
            + " where exists (select 1 from generations where id = :id)"
            + " and not exists (select 1 from generation_events where generation_id = :id"
            + " and event in " + TERMINAL + ")"
            + " and not (:event = 'progress' and exists (select 1 from (select data"
            + " from generation_events where generation_id = :id and event = 'progress'"
            + " and data->>'step' = cast(:data as jsonb)->>'step' order by id desc limit 1) last"
            + " where last.data->'percent' = cast(:data as jsonb)->'percent')) returning id)"
            + " select id, pg_notify(:channel, :id) from appended")
        .param("id", generationId)
        .param("event", type.wireName())
        .param("data", write(data))
        .param("channel", CHANNEL)
        .query((rs, row) -> rs.getLong(1))
        .optional()
        .map(eventId -> {
          String webhookEvent = webhookEvent(type, data);
          if (webhooks != null && webhookEvent != null) {
            webhooks.enqueue(generationId, eventId, webhookEvent);
          }
          return eventId;
        });
  }

  /** The webhook event an event is, if any: started, progress, completed, failed, canceled. */
  static String webhookEvent(GenerationEventType type, JsonNode data) {
    return switch (type) {
      case STATUS -> data.path("status").asText().equals("running") ? "started" : null;
      case PROGRESS, COMPLETED, FAILED, CANCELED -> type.wireName();
      default -> null;
    };
  }

  private GenerationEvent map(ResultSet rs, int row) throws SQLException {
    try {
      return new GenerationEvent(
          rs.getLong("id"),
          rs.getString("generation_id"),
          GenerationEventType.fromWire(rs.getString("event")),
          json.readTree(rs.getString("data")),
          rs.getTimestamp("created_at").toInstant());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable JSON in generation_events", e);
    }
  }

  private String write(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
