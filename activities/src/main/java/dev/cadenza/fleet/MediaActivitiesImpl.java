package dev.cadenza.fleet;

import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.media.AudioRequest;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.MeshRequest;
import dev.cadenza.workflows.media.RenderJob;
import dev.cadenza.workflows.media.RenderedVideo;
import dev.cadenza.workflows.media.StagedFile;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GPU media steps on the fleet. Outputs are written to {@code staging/<generationId>/<name>} and
 * returned as claim checks: the bytes never enter the activity result. A retry after a storage
 * fault re-attaches to the finished job and gets its outputs again without re-running the model.
 * Steps that read files (a picture to lift into 3D, a timeline's sources) load them from staging
 * and send them with the job.
 */
public class MediaActivitiesImpl implements MediaActivities {

  static final String AUDIO_FILE = "audio.wav";
  static final String COVER_FILE = "cover.png";
  static final String IMAGE_FILE = "image.png";
  static final String MODEL_FILE = "model.glb";
  static final String VIDEO_FILE = "video.mp4";
  static final String THUMBNAIL_FILE = "thumbnail.png";

  /**
   * Input files travel inside one gRPC request; this keeps them well below the worker's limit.
   */
  static final long MAX_INPUT_BYTES = 48L << 20;

  private static final String STAGING = "staging/";

  private final ActivityJobRunner jobs;
  private final ObjectStorage storage;

  public MediaActivitiesImpl(GpuFleet fleet, ObjectStorage storage, JobProgressListener progress) {
    this.jobs = new ActivityJobRunner(fleet, progress);
    this.storage = storage;
  }

  @Override
  public StagedFile generateAudio(AudioRequest request) {
    JobInput.Audio input = new JobInput.Audio(
        request.prompt(),
        request.lyrics(),
        request.durationSeconds(),
        request.guidanceScale(),
        request.seed());
    try (JobOutcome outcome =
        jobs.run(request.generationId(), input, request.userId(), List.of())) {
      return stage(request.generationId(), outcome, AUDIO_FILE, AUDIO_FILE, outcome.metadata());
    }
  }

  @Override
  public StagedFile generateCover(ImageRequest request) {
    try (JobOutcome outcome = paint(request)) {
      return stage(request.generationId(), outcome, COVER_FILE, COVER_FILE, outcome.metadata());
    }
  }

  @Override
  public StagedFile generateImage(ImageRequest request) {
    // The image model names its output like a cover; the generation's asset is an image.
    try (JobOutcome outcome = paint(request)) {
      return stage(request.generationId(), outcome, COVER_FILE, IMAGE_FILE, outcome.metadata());
    }
  }

  @Override
  public StagedFile generateMesh(MeshRequest request) {
    JobInput.Mesh input =
        new JobInput.Mesh(request.image().name(), request.style(), request.seed());
    try (JobOutcome outcome =
        jobs.run(request.generationId(), input, request.userId(), load(List.of(request.image())))) {
      return stage(request.generationId(), outcome, MODEL_FILE, MODEL_FILE, outcome.metadata());
    }
  }

  @Override
  public RenderedVideo renderVideo(RenderJob request) {
    JobInput.Video input = new JobInput.Video(TimelineInput.of(request));
    try (JobOutcome outcome = jobs.run(
        request.generationId(), input, request.userId(), load(TimelineInput.files(request)))) {
      Map<String, String> facts = outcome.metadata();
      Map<String, String> videoFacts = new TreeMap<>(facts);
      videoFacts.remove("thumbnailWidth");
      videoFacts.remove("thumbnailHeight");
      Map<String, String> thumbnailFacts = new TreeMap<>();
      putIfPresent(thumbnailFacts, "width", facts.get("thumbnailWidth"));
      putIfPresent(thumbnailFacts, "height", facts.get("thumbnailHeight"));
      return new RenderedVideo(
          stage(request.generationId(), outcome, VIDEO_FILE, VIDEO_FILE, videoFacts),
          stage(request.generationId(), outcome, THUMBNAIL_FILE, THUMBNAIL_FILE, thumbnailFacts));
    }
  }

  private JobOutcome paint(ImageRequest request) {
    JobInput.Image input =
        new JobInput.Image(request.prompt(), request.width(), request.height(), request.seed());
    return jobs.run(request.generationId(), input, request.userId(), List.of());
  }

  /** Reads staged files to send with a job, refusing more than the worker should take. */
  private List<JobFile> load(List<StagedFile> staged) {
    long total = staged.stream().mapToLong(StagedFile::sizeBytes).sum();
    if (total > MAX_INPUT_BYTES) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The input files take " + total + " bytes; at most " + MAX_INPUT_BYTES
              + " can be sent to the GPU worker.",
          FailureTypes.INVALID_INPUT);
    }
    List<JobFile> files = new ArrayList<>();
    for (StagedFile file : staged) {
      try (InputStream in = storage.open(file.key())) {
        files.add(new JobFile(file.name(), file.contentType(), in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read staged input " + file.key(), e);
      }
    }
    return files;
  }

  /** Writes output {@code output} of the job to staging as {@code name}. */
  private StagedFile stage(
      String generationId,
      JobOutcome outcome,
      String output,
      String name,
      Map<String, String> metadata) {
    OutputFile file = outcome
        .file(output)
        .orElseThrow(() ->
            // Re-attaching would replay the same outputs: retrying cannot help.
            ApplicationFailure.newNonRetryableFailure(
                "GPU job " + outcome.jobId() + " completed without " + output,
                FleetFailures.MODEL_FAILED));
    String key = STAGING + generationId + "/" + name;
    storage.put(key, file.path(), file.contentType());
    return new StagedFile(
        key, name, file.contentType(), file.sizeBytes(), file.sha256(), new TreeMap<>(metadata));
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
