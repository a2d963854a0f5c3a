package dev.cadenza.workflows.song;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories against the current workflow code: a change that would break
 * running workflows (non-determinism) fails here. Histories come from {@link SongHistoryRecorder}.
 */
class SongGenerationReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/song-succeeded.json",
        "histories/song-failed.json",
        // from version 1 of the local-bookkeeping change on
        "histories/song-succeeded-local-bookkeeping.json",
        "histories/song-failed-local-bookkeeping.json",
        "histories/song-reserve-update-succeeded.json",
        "histories/song-reserve-update-refused.json"
      })
  void recordedHistoriesReplay(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(history, SongGenerationWorkflowImpl.class);
  }
}
