package dev.cadenza.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.workflows.generation.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Renders a generation as API.md shows it. Assets get a signed download URL valid for an hour,
 * or their public URL while the generation is published; a running generation's steps come live
 * from its workflow, a finished one's from the database, and either from the event log when
 * those have none.
 */
@Component
public class GenerationView {
  static final Duration URL_LIFETIME = Duration.ofHours(1);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Writes a view for a webhook message: as the API's answers show it (nulls included). */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectStorage storage;
  private final GenerationStore store;
  private final LiveSteps liveSteps;
  private final PublicUrls publicUrls;

  GenerationView(
      ObjectStorage storage, GenerationStore store, LiveSteps liveSteps, PublicUrls publicUrls) {
    this.storage = storage;
    this.store = store;
    this.liveSteps = liveSteps;
    this.publicUrls = publicUrls;
  }

  /** The full view of one generation, with live steps and attempts. */
  public GenerationResource detailed(Generation g) {
    JsonNode steps = g.terminal() ? g.steps() : liveSteps.of(g).orElse(g.steps());
    if (steps == null || steps.isEmpty()) {
      // Ended before its steps were written (reconciled before they were), or no answer yet.
      steps = liveSteps.fromLog(g);
    }
    return render(g, withAttempts(steps, store.attempts(g.id())));
  }

  /**
   * The full view of a generation just admitted, with the steps its workflow answered with: the
   * answer to a submission costs no query (a task of its own on the workflows' queue). As {@link
   * #detailed} when the workflow gave none.
   */
  public GenerationResource admitted(Generation g, List<StepState> steps) {
    if (steps == null || g.terminal()) {
      return detailed(g);
    }
    return render(g, withAttempts(liveSteps.known(steps), Map.of()));
  }

  /**
   * The generation as a webhook message of event {@code eventId} tells it: {@code g} is the row as
   * it was at that event, and steps it had not stored yet come from the event log up to then.
   */
  public ObjectNode asOf(Generation g, long eventId) {
    JsonNode steps =
        g.steps() == null || g.steps().isEmpty() ? liveSteps.asOf(g, eventId) : g.steps();
    return JSON.valueToTree(render(g, withAttempts(steps, Map.of())));
  }

  /** {@link #listed} as the JSON object a webhook message starts from. */
  public ObjectNode summary(Generation g) {
    return JSON.valueToTree(listed(g));
  }

  /** The view used in lists: no calls to the workflow service. */
  public GenerationResource listed(Generation g) {
    return render(g, withAttempts(g.steps(), Map.of()));
  }

  private GenerationResource render(Generation g, JsonNode steps) {
    boolean progressing = g.status() == GenerationStatus.RUNNING && g.progressStep() != null;
    return new GenerationResource(
        g.id(),
        g.type(),
        g.status().dbValue(),
        g.input(),
        g.output() == null ? null : withUrls(g),
        g.errorCode() == null
            ? null
            : new GenerationResource.Failure(g.errorCode(), g.errorMessage()),
        g.cost(),
        g.published(),
        g.parentId(),
        progressing ? new GenerationResource.Progress(g.progressStep(), g.progressPercent()) : null,
        steps == null ? NODES.arrayNode() : steps,
        time(g.createdAt()),
        time(g.startedAt()),
        time(g.completedAt()));
  }

  private static JsonNode withAttempts(JsonNode steps, Map<String, Integer> attempts) {
    if (!(steps instanceof ArrayNode array)) {
      return steps;
    }
    ArrayNode copy = array.deepCopy();
    for (JsonNode step : copy) {
      String status = step.path("status").asText();
      int started = status.equals("pending")
              || status.equals("skipped")
              || step.path("startedAt").isNull()
          ? 0
          : 1;
      ((ObjectNode) step)
          .put("attempts", attempts.getOrDefault(step.path("name").asText(), started));
    }
    return copy;
  }

  private JsonNode withUrls(Generation g) {
    return OutputAssets.withUrls(
        g.output(),
        key -> g.published()
            ? publicUrls.of(g.id(), OutputAssets.fileName(key))
            : storage.signedUrl(key, URL_LIFETIME));
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
