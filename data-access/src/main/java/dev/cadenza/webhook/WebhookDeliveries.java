package dev.cadenza.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The webhook outbox ({@code webhook_deliveries}). A delivery is written in the transaction of
 * the event it announces, so no event a webhook asked for is lost; once that commits, the
 * {@link #onCreated starter} hands it to its delivery workflow. What a crash between the two
 * leaves pending is started again by the reconciler ({@link #pendingBefore}).
 */
@Repository
public class WebhookDeliveries {
  /** The webhook events of API.md. */
  public static final List<String> EVENTS =
      List.of("started", "progress", "completed", "failed", "canceled");

  private final JdbcClient jdbc;
  private volatile Consumer<String> starter = id -> {};

  public WebhookDeliveries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Who starts the delivery of a new row (its id), after the row's transaction commits. */
  public void onCreated(Consumer<String> starter) {
    this.starter = starter;
  }

  /**
   * Records the delivery of {@code event} (a webhook event name) of event row {@code eventId},
   * when the generation has a webhook that wants it, with the generation's row as it stands in
   * the caller's transaction (the event's own state, whenever the message is sent).
   */
  public void enqueue(String generationId, long eventId, String event) {
    Optional<String> id = jdbc.sql("insert into webhook_deliveries"
            + " (id, generation_id, event_id, event, url, state)"
            + " select :delivery, g.id, :eventId, :event, g.webhook, to_jsonb(g) from generations g"
            + " where g.id = :id and g.webhook is not null"
            + " and (g.webhook_events is null or :event = any (g.webhook_events))"
            + " returning id")
        .param("delivery", "msg_" + generationId + "_" + eventId)
        .param("eventId", eventId)
        .param("event", event)
        .param("id", generationId)
        .query(String.class)
        .optional();
    id.ifPresent(this::startAfterCommit);
  }

  public Optional<WebhookDelivery> find(String id) {
    return jdbc.sql("select d.id, d.generation_id, g.user_id, d.event, d.url, d.status, d.body,"
            + " d.attempts, d.event_id from webhook_deliveries d"
            + " join generations g on g.id = d.generation_id where d.id = :id")
        .param("id", id)
        .query((rs, row) -> new WebhookDelivery(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getInt(8),
            rs.getLong(9)))
        .optional();
  }

  /** Fixes the body every attempt sends; the first caller's body wins. */
  public String fixBody(String id, String body) {
    return jdbc.sql("update webhook_deliveries set body = coalesce(body, :body) where id = :id"
            + " returning body")
        .param("body", body)
        .param("id", id)
        .query(String.class)
        .single();
  }

  /** Counts an attempt and what it got: an HTTP status, or an error. */
  public void attempted(String id, Integer httpStatus, String error) {
    jdbc.sql("update webhook_deliveries set attempts = attempts + 1, last_status = :status,"
            + " last_error = :error where id = :id")
        .param("status", httpStatus)
        .param("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
        .param("id", id)
        .update();
  }

  /** Ends a pending delivery: {@code delivered} or {@code failed}. */
  public boolean finish(String id, String status) {
    return jdbc.sql("update webhook_deliveries set status = :status, completed_at = now()"
                + " where id = :id and status = 'pending'")
            .param("status", status)
            .param("id", id)
            .update()
        == 1;
  }

  /** Pending deliveries created before {@code cutoff}, oldest first. */
  public List<String> pendingBefore(Instant cutoff, int limit) {
    return new ArrayList<>(jdbc.sql("select id from webhook_deliveries where status = 'pending'"
            + " and created_at < :cutoff order by created_at limit :limit")
        .param("cutoff", java.sql.Timestamp.from(cutoff))
        .param("limit", limit)
        .query(String.class)
        .list());
  }

  /** The deliveries of a generation, oldest first: {@code id event status attempts}. */
  public List<WebhookDelivery> ofGeneration(String generationId) {
    return jdbc
        .sql("select id from webhook_deliveries where generation_id = :id order by event_id")
        .param("id", generationId)
        .query(String.class)
        .list()
        .stream()
        .map(id -> find(id).orElseThrow())
        .toList();
  }

  private void startAfterCommit(String id) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          starter.accept(id);
        }
      });
    } else {
      starter.accept(id);
    }
  }
}
