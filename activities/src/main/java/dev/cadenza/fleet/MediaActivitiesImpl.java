package dev.cadenza.fleet;

import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.workflows.media.AudioRequest;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.StagedFile;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * GPU media steps on the fleet. Outputs are written to {@code staging/<generationId>/<name>} and
 * returned as claim checks: the bytes never enter the activity result. A retry after a storage
 * fault re-attaches to the finished job and gets its outputs again without re-running the model.
 */
public class MediaActivitiesImpl implements MediaActivities {

  static final String AUDIO_FILE = "audio.wav";
  static final String COVER_FILE = "cover.png";
  private static final String STAGING = "staging/";

  private final ActivityJobRunner jobs;
  private final ObjectStorage storage;

  public MediaActivitiesImpl(GpuFleet fleet, ObjectStorage storage, JobProgressListener progress) {
    this.jobs = new ActivityJobRunner(fleet, progress);
    this.storage = storage;
  }

  @Override
  public StagedFile generateAudio(AudioRequest request) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("prompt", request.prompt());
    input.put("lyrics", request.lyrics());
    input.put("durationSeconds", request.durationSeconds());
    input.put("guidanceScale", request.guidanceScale());
    input.put("seed", seed(request.seed()));
    JobOutcome outcome = jobs.run("", request.generationId(), "audio", input, request.userId());
    return stage(request.generationId(), outcome, AUDIO_FILE);
  }

  @Override
  public StagedFile generateCover(ImageRequest request) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("prompt", request.prompt());
    input.put("width", request.width());
    input.put("height", request.height());
    input.put("seed", seed(request.seed()));
    JobOutcome outcome = jobs.run("", request.generationId(), "image", input, request.userId());
    return stage(request.generationId(), outcome, COVER_FILE);
  }

  /** A seed as text: a JSON number would lose the low bits of large seeds. */
  static String seed(long seed) {
    return Long.toString(seed);
  }

  private StagedFile stage(String generationId, JobOutcome outcome, String name) {
    try (outcome) {
      OutputFile file = outcome
          .file(name)
          .orElseThrow(() ->
              // Re-attaching would replay the same outputs: retrying cannot help.
              ApplicationFailure.newNonRetryableFailure(
                  "GPU job " + outcome.jobId() + " completed without " + name,
                  FleetFailures.MODEL_FAILED));
      String key = STAGING + generationId + "/" + file.name();
      storage.put(key, file.path(), file.contentType());
      return new StagedFile(
          key,
          file.name(),
          file.contentType(),
          file.sizeBytes(),
          file.sha256(),
          new TreeMap<>(outcome.metadata()));
    }
  }
}
