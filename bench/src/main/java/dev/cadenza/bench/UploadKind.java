package dev.cadenza.bench;

import dev.cadenza.workflows.generation.GenerationType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kinds whose input uses a file the user uploads first (API.md "Uploads"): each submission
 * creates an upload, PUTs the bytes the bench made, completes it, then submits the generation
 * with the upload's id. The upload phase is timed apart ({@code upload.latencyMs}); the submit and
 * end-to-end figures start at {@code POST /v1/generations}, as for every kind.
 */
enum UploadKind implements GenerationKind {
  /** image-to-3d from an uploaded 256 x 256 PNG: only the mesh step runs. */
  IMAGE_TO_3D("image-to-3d-upload", GenerationType.IMAGE_TO_3D),
  /** A 2 s render of a colour with an uploaded WAV as its sound. */
  RENDER("render-upload", GenerationType.RENDER);

  static final double RENDER_SECONDS = 2;

  private final String id;
  private final GenerationType type;

  UploadKind(String id, GenerationType type) {
    this.id = id;
    this.type = type;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public GenerationType type() {
    return type;
  }

  @Override
  public Optional<UploadFile> upload(long seed) {
    return Optional.of(
        this == IMAGE_TO_3D
            ? new UploadFile("image/png", BenchMedia.png(seed, 256))
            : new UploadFile("audio/wav", BenchMedia.wav(seed, RENDER_SECONDS)));
  }

  @Override
  public Map<String, Object> input(long seed, int durationSeconds) {
    throw new IllegalStateException(
        id + " needs its upload first: input(seed, duration, uploadId)");
  }

  @Override
  public Map<String, Object> input(long seed, int durationSeconds, String uploadId) {
    if (this == IMAGE_TO_3D) {
      return Map.of("imageUploadId", uploadId, "seed", seed);
    }
    Map<String, Object> colour = Map.of(
        "start", 0, "duration", RENDER_SECONDS, "color", String.format("#%06x", seed & 0xffffff));
    Map<String, Object> sound =
        Map.of("start", 0, "duration", RENDER_SECONDS, "uploadId", uploadId);
    return Map.of(
        "timeline",
        Map.of(
            "width",
            320,
            "height",
            240,
            "fps",
            12,
            "durationSeconds",
            RENDER_SECONDS,
            "tracks",
            List.of(
                Map.of("type", "video", "clips", List.of(colour)),
                Map.of("type", "audio", "clips", List.of(sound)))));
  }

  @Override
  public Optional<Duration> criticalModelTime(String workflowId, ModelTimes times) {
    return Optional.empty();
  }
}
