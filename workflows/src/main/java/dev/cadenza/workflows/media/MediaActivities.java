package dev.cadenza.workflows.media;

import io.temporal.activity.ActivityInterface;

/**
 * GPU model steps, run on the GPU worker fleet. They are long-running and heartbeat with the
 * model's progress; cancelling the activity cancels the GPU job and frees its slot. Outputs are
 * staged under {@code staging/<generationId>/} and returned as claim checks.
 */
@ActivityInterface
public interface MediaActivities {

  /** A WAV rendering of the song. Metadata carries {@code durationSeconds}. */
  StagedFile generateAudio(AudioRequest request);

  /** A PNG cover for the song. */
  StagedFile generateCover(ImageRequest request);
}
