package dev.cadenza.generation;

import dev.cadenza.generation.events.GenerationEvent;
import dev.cadenza.generation.events.GenerationEventType;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.workflows.generation.StepState;
import dev.cadenza.workflows.generation.StepStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A generation's steps as its event log tells them, for when its workflow can no longer say
 * (lost with a restart of the in-memory Temporal, terminated by an operator): every step that
 * started, in the order it started, and how far it got. The log is in PostgreSQL, so it outlives
 * the workflow; steps that never started are not in it and are left out.
 */
@Component
public class StepHistory {
  private final GenerationEvents events;

  public StepHistory(GenerationEvents events) {
    this.events = events;
  }

  /**
   * @param unfinished what a step that started but never completed became: {@code FAILED} when
   *     the generation failed, {@code CANCELED} when it was canceled
   */
  public List<StepState> of(String generationId, StepStatus unfinished) {
    return replay(events.stepEvents(generationId), unfinished);
  }

  /**
   * The steps of a generation whose workflow closed without an outcome (terminated by an
   * operator, timed out): {@code known} is what its history tells, which includes a step it had
   * scheduled whose activity had not started yet (so it is not in the log: on a busy activity
   * queue that gap is real). The log adds the rest (steps run as local activities, a step that
   * completed as the workflow was stopped). Pending steps are left out, as in {@link #of(String,
   * StepStatus)}.
   */
  public List<StepState> of(String generationId, StepStatus unfinished, List<StepState> known) {
    return merge(known, replay(events.stepEvents(generationId), null), unfinished);
  }

  static List<StepState> merge(
      List<StepState> known, List<StepState> logged, StepStatus unfinished) {
    Map<String, StepState> fromLog = new LinkedHashMap<>();
    logged.forEach(step -> fromLog.put(step.name(), step));
    List<StepState> merged = new ArrayList<>();
    for (StepState step : known) {
      StepState told = fromLog.remove(step.name());
      StepState further = told != null && rank(told.status()) > rank(step.status()) ? told : step;
      if (further.status() != StepStatus.PENDING) {
        merged.add(further);
      }
    }
    merged.addAll(fromLog.values());
    return merged.stream()
        .map(step -> step.status() == StepStatus.RUNNING
            ? new StepState(step.name(), unfinished, step.startedAt(), null)
            : step)
        // In the order they started (scheduled, for a step the log never saw start).
        .sorted(Comparator.comparing(
            StepState::startedAt, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
  }

  /** How far a status got: an ended step is further than a running one, which is further than a pending one. */
  private static int rank(StepStatus status) {
    return switch (status) {
      case PENDING -> 0;
      case RUNNING -> 1;
      default -> 2;
    };
  }

  /** The steps as they stood right after event {@code eventId}; started ones still running. */
  public List<StepState> asOf(String generationId, long eventId) {
    return replay(events.stepEvents(generationId, eventId), null);
  }

  static List<StepState> replay(List<GenerationEvent> log, StepStatus unfinished) {
    Map<String, StepState> steps = new LinkedHashMap<>();
    for (GenerationEvent event : log) {
      String name = event.data().path("step").asText();
      if (event.type() == GenerationEventType.STEP_STARTED) {
        steps.putIfAbsent(name, new StepState(name, StepStatus.RUNNING, event.createdAt(), null));
      } else if (event.type() == GenerationEventType.STEP_COMPLETED) {
        StepState started = steps.get(name);
        steps.put(
            name,
            new StepState(
                name,
                StepStatus.SUCCEEDED,
                started == null ? event.createdAt() : started.startedAt(),
                event.createdAt()));
      }
    }
    List<StepState> ended = new ArrayList<>();
    for (StepState step : steps.values()) {
      ended.add(
          step.status() == StepStatus.RUNNING && unfinished != null
              ? new StepState(step.name(), unfinished, step.startedAt(), null)
              : step);
    }
    return ended;
  }
}
