package dev.cadenza.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.workflows.generation.StepState;
import dev.cadenza.workflows.generation.StepStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the steps of a stopped workflow are told from what it knew and what the log adds. */
class StepHistoryTest {
  private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

  private static StepState step(String name, StepStatus status) {
    return new StepState(name, status, status == StepStatus.PENDING ? null : T, null);
  }

  private static List<String> statuses(List<StepState> steps) {
    return steps.stream().map(s -> s.name() + " " + s.status()).toList();
  }

  @Test
  void aStepTheWorkflowScheduledButNoWorkerStartedEndsAsTheGenerationDid() {
    List<StepState> known = List.of(
        step("reserveCredits", StepStatus.SUCCEEDED),
        step("writePrompt", StepStatus.RUNNING),
        step("writeLyrics", StepStatus.PENDING));
    List<StepState> logged = List.of(step("reserveCredits", StepStatus.SUCCEEDED));

    assertThat(statuses(StepHistory.merge(known, logged, StepStatus.FAILED)))
        .containsExactly("reserveCredits SUCCEEDED", "writePrompt FAILED");
    assertThat(statuses(StepHistory.merge(known, logged, StepStatus.CANCELED)))
        .containsExactly("reserveCredits SUCCEEDED", "writePrompt CANCELED");
  }

  @Test
  void theLogTellsWhatTheWorkflowHadNotHeard() {
    // The activity completed as the workflow was stopped: its result never reached the workflow.
    List<StepState> known = List.of(
        step("reserveCredits", StepStatus.SUCCEEDED), step("writePrompt", StepStatus.RUNNING));
    List<StepState> logged = List.of(
        step("reserveCredits", StepStatus.SUCCEEDED), step("writePrompt", StepStatus.SUCCEEDED));

    assertThat(statuses(StepHistory.merge(known, logged, StepStatus.FAILED)))
        .containsExactly("reserveCredits SUCCEEDED", "writePrompt SUCCEEDED");
  }

  @Test
  void whatTheWorkflowEndedIsKeptAndStepsOnlyTheLogKnowsAreAdded() {
    List<StepState> known =
        List.of(step("fetchImage", StepStatus.SKIPPED), step("generateMesh", StepStatus.FAILED));
    List<StepState> logged =
        List.of(step("generateMesh", StepStatus.RUNNING), step("storeOutputs", StepStatus.RUNNING));

    assertThat(statuses(StepHistory.merge(known, logged, StepStatus.FAILED)))
        .containsExactly("fetchImage SKIPPED", "generateMesh FAILED", "storeOutputs FAILED");
  }
}
