package dev.cadenza.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The generations read model. State changes are conditional on the current status, so a late or
 * repeated write never moves a generation out of a terminal state.
 */
@Repository
public class GenerationStore {
  private static final String COLUMNS =
      "id, seq, user_id, type, status, workflow_id, input, output, error_code, error_message, cost,"
          + " published, steps, progress_step, progress_percent, webhook, created_at, started_at, completed_at,"
          + " parent_id";
  private static final String OPEN = "status in ('queued', 'running')";

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public GenerationStore(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public void insert(NewGeneration g) {
    jdbc.sql(
            "insert into generations (id, user_id, type, status, workflow_id, input, cost, webhook,"
                + " webhook_events, parent_id) values (:id, :user, :type, 'queued', :wf,"
                + " cast(:input as jsonb), :cost, :webhook, string_to_array(:events, ','), :parent)")
        .param("id", g.id())
        .param("user", g.userId())
        .param("type", g.type())
        .param("wf", g.workflowId())
        .param("input", write(g.input()))
        .param("cost", g.cost())
        .param("webhook", g.webhook())
        .param("events", g.webhookEvents() == null ? null : String.join(",", g.webhookEvents()))
        .param("parent", g.parentId())
        .update();
  }

  public Optional<Generation> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from generations where id = :id")
        .param("id", id)
        .query(this::map)
        .optional();
  }

  /** The events the generation's webhook wants; null for all of them (or no such generation). */
  public List<String> webhookEvents(String id) {
    List<String[]> rows = jdbc.sql("select webhook_events from generations where id = :id")
        .param("id", id)
        .query((rs, row) -> {
          java.sql.Array events = rs.getArray(1);
          return events == null ? null : (String[]) events.getArray();
        })
        .list();
    return rows.isEmpty() || rows.getFirst() == null ? null : List.of(rows.getFirst());
  }

  /**
   * The generation as it was when the event of webhook message {@code deliveryId} happened; empty
   * when the message has no such record (recorded before it was kept).
   */
  public Optional<Generation> asAnnouncedBy(String deliveryId) {
    return jdbc.sql("select " + COLUMNS + " from (select (jsonb_populate_record("
            + "null::generations, state)).* from webhook_deliveries where id = :id"
            + " and state is not null) announced")
        .param("id", deliveryId)
        .query(this::map)
        .optional();
  }

  /** Newest first; {@code beforeSeq} is the cursor of the previous page (null for the first). */
  public List<Generation> list(
      String userId, String type, GenerationStatus status, int limit, Long beforeSeq) {
    return jdbc.sql("select " + COLUMNS + " from generations where user_id = :user"
            + " and (cast(:type as text) is null or type = :type)"
            + " and (cast(:status as text) is null or status = :status)"
            + " and (cast(:before as bigint) is null or seq < :before)"
            + " order by seq desc limit :limit")
        .param("user", userId)
        .param("type", type)
        .param("status", status == null ? null : status.dbValue())
        .param("before", beforeSeq)
        .param("limit", limit)
        .query(this::map)
        .list();
  }

  public List<Generation> open() {
    return jdbc.sql("select " + COLUMNS + " from generations where " + OPEN + " order by seq")
        .query(this::map)
        .list();
  }

  public boolean markRunning(String id) {
    return jdbc.sql(
                "update generations set status = 'running', started_at = coalesce(started_at, now())"
                    + " where id = :id and status = 'queued'")
            .param("id", id)
            .update()
        == 1;
  }

  public boolean succeed(String id, JsonNode output, JsonNode steps) {
    return jdbc.sql("update generations set status = 'succeeded', output = cast(:output as jsonb),"
                + " steps = cast(:steps as jsonb), progress_step = null, progress_percent = null,"
                + " error_code = null, error_message = null, completed_at = now() where id = :id and "
                + OPEN)
            .param("id", id)
            .param("output", write(output))
            .param("steps", write(steps))
            .update()
        == 1;
  }

  /**
   * Replaces {@code output.publications[index]} of a succeeded generation; false when there is no
   * such entry (another generation's id, or one that did not succeed).
   */
  public boolean replacePublication(String id, int index, JsonNode publication) {
    return jdbc.sql("update generations set output = jsonb_set(output,"
                + " array['publications', cast(:index as text)], cast(:publication as jsonb))"
                + " where id = :id and status = 'succeeded'"
                + " and jsonb_array_length(output -> 'publications') > :index")
            .param("id", id)
            .param("index", index)
            .param("publication", write(publication))
            .update()
        == 1;
  }

  public boolean fail(
      String id, GenerationStatus status, String code, String message, JsonNode steps) {
    return jdbc.sql(
                "update generations set status = :status, error_code = :code, error_message = :message,"
                    + " steps = coalesce(cast(:steps as jsonb), steps), progress_step = null, progress_percent = null,"
                    + " completed_at = now() where id = :id and " + OPEN)
            .param("id", id)
            .param("status", status.dbValue())
            .param("code", code)
            .param("message", message)
            .param("steps", steps == null ? null : write(steps))
            .update()
        == 1;
  }

  public void progress(String id, String step, int percent) {
    jdbc.sql("update generations set progress_step = :step, progress_percent = :percent"
            + " where id = :id and status = 'running'")
        .param("id", id)
        .param("step", step)
        .param("percent", percent)
        .update();
  }

  /** Remembers the highest attempt of a step; a no-op for ids that are not generations. */
  public void recordAttempt(String id, String step, int attempt) {
    jdbc.sql("insert into generation_step_attempts (generation_id, step, attempts)"
            + " select :id, :step, :attempt where exists (select 1 from generations where id = :id)"
            + " on conflict (generation_id, step) do update"
            + " set attempts = greatest(generation_step_attempts.attempts, excluded.attempts)")
        .param("id", id)
        .param("step", step)
        .param("attempt", attempt)
        .update();
  }

  public Map<String, Integer> attempts(String id) {
    return jdbc
        .sql("select step, attempts from generation_step_attempts where generation_id = :id")
        .param("id", id)
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private Generation map(ResultSet rs, int row) throws SQLException {
    return new Generation(
        rs.getString("id"),
        rs.getLong("seq"),
        rs.getString("user_id"),
        rs.getString("type"),
        GenerationStatus.fromDb(rs.getString("status")),
        rs.getString("workflow_id"),
        read(rs.getString("input")),
        read(rs.getString("output")),
        rs.getString("error_code"),
        rs.getString("error_message"),
        rs.getLong("cost"),
        rs.getBoolean("published"),
        read(rs.getString("steps")),
        rs.getString("progress_step"),
        (Integer) rs.getObject("progress_percent"),
        rs.getString("webhook"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("completed_at")),
        rs.getString("parent_id"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private JsonNode read(String text) {
    try {
      return text == null ? null : json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable JSON in generations", e);
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
