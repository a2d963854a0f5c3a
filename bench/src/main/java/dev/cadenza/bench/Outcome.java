package dev.cadenza.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A submitted generation as the API reports it at the end of the run.
 *
 * @param criticalModelTime simulated model time on its critical path, when its kind knows it
 * @param retries attempts beyond the first, over all its steps
 * @param stepMillis each step's time from its start to its completion as the workflow saw them
 *     (scheduling and completion delivery included), for steps that ran
 */
record Outcome(
    String id,
    GenerationKind kind,
    String status,
    String errorCode,
    Instant createdAt,
    Instant completedAt,
    Optional<Duration> criticalModelTime,
    int retries,
    Map<String, Double> stepMillis) {

  static Outcome of(Submission submission, JsonNode generation, ModelTimes times) {
    int retries = 0;
    Map<String, Double> steps = new LinkedHashMap<>();
    for (JsonNode step : generation.path("steps")) {
      retries += Math.max(0, step.path("attempts").asInt(0) - 1);
      Instant started = instant(step.path("startedAt"));
      Instant completed = instant(step.path("completedAt"));
      if (started != null && completed != null) {
        steps.put(
            step.path("name").asText(), Duration.between(started, completed).toNanos() / 1e6);
      }
    }
    String workflowId = submission.kind().type().workflowId(submission.id());
    return new Outcome(
        submission.id(),
        submission.kind(),
        generation.path("status").asText(),
        generation.path("error").path("code").asText(null),
        instant(generation.path("createdAt")),
        instant(generation.path("completedAt")),
        submission.kind().criticalModelTime(workflowId, times),
        retries,
        steps);
  }

  private static Instant instant(JsonNode node) {
    return node.isTextual() ? Instant.parse(node.asText()) : null;
  }

  boolean succeeded() {
    return status.equals("succeeded");
  }

  boolean terminal() {
    return completedAt != null;
  }

  /** Server-side end-to-end time: from the row's creation to its completion. */
  double endToEndMillis() {
    return Duration.between(createdAt, completedAt).toNanos() / 1e6;
  }

  /** End-to-end minus the simulated model time on the critical path; NaN when unknown. */
  double overheadMillis() {
    return criticalModelTime.map(t -> endToEndMillis() - t.toNanos() / 1e6).orElse(Double.NaN);
  }
}
