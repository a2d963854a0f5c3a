package dev.cadenza.bench;

import dev.cadenza.workflows.generation.GenerationType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of request the bench can send: its {@code type}, an input per submission, and the
 * simulated model time on its critical path (what orchestration overhead is measured against).
 * A new generation type slots in as one more entry of {@link #ALL} and becomes usable in {@code
 * mix=}.
 */
public interface GenerationKind {

  /** How {@code mix=} names it. */
  String id();

  /** The API's generation type. */
  GenerationType type();

  /** The request's {@code input}; {@code seed} makes each submission distinct. */
  Map<String, Object> input(long seed, int durationSeconds);

  /**
   * The file to upload before each submission of this kind, or empty for kinds without one; its
   * upload's id is then given to {@link #input(long, int, String)}.
   */
  default Optional<UploadFile> upload(long seed) {
    return Optional.empty();
  }

  /** The request's {@code input} using the ready upload {@code uploadId}. */
  default Map<String, Object> input(long seed, int durationSeconds, String uploadId) {
    return input(seed, durationSeconds);
  }

  /**
   * The simulated model time on the critical path of the generation with this workflow id, or
   * empty when the bench does not know the type's step graph (no overhead figure then).
   */
  Optional<Duration> criticalModelTime(String workflowId, ModelTimes times);

  List<GenerationKind> ALL = List.of(
      SongKind.DESCRIPTION,
      SongKind.OWN_LYRICS,
      SongKind.INSTRUMENTAL,
      Untimed.of(
          "image", GenerationType.IMAGE, Map.of("prompt", "a lighthouse at dusk, oil painting")),
      Untimed.of(
          "image-to-3d", GenerationType.IMAGE_TO_3D, Map.of("prompt", "a small ceramic fox")),
      UploadKind.IMAGE_TO_3D,
      // A render input has no seed: its submissions are all the same timeline.
      Untimed.unseeded(
          "render",
          GenerationType.RENDER,
          Map.of(
              "timeline",
              Map.of(
                  "width",
                  640,
                  "height",
                  360,
                  "fps",
                  24,
                  "durationSeconds",
                  4,
                  "tracks",
                  List.of(Map.of(
                      "type",
                      "text",
                      "clips",
                      List.of(Map.of("start", 0, "duration", 4, "text", "hi"))))))),
      UploadKind.RENDER);

  static GenerationKind named(String name) {
    return ALL.stream()
        .filter(k -> k.id().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown kind " + name + "; known: "
            + String.join(", ", ALL.stream().map(GenerationKind::id).toList())));
  }

  /**
   * A type whose inputs the bench can send but whose step graph it does not model yet.
   *
   * @param seeded whether the type's input takes a {@code seed} (a render's does not: 422)
   */
  record Untimed(String id, GenerationType type, Map<String, Object> template, boolean seeded)
      implements GenerationKind {
    static Untimed of(String id, GenerationType type, Map<String, Object> template) {
      return new Untimed(id, type, template, true);
    }

    static Untimed unseeded(String id, GenerationType type, Map<String, Object> template) {
      return new Untimed(id, type, template, false);
    }

    @Override
    public Map<String, Object> input(long seed, int durationSeconds) {
      Map<String, Object> input = new LinkedHashMap<>(template);
      if (seeded) {
        input.put("seed", seed);
      }
      return input;
    }

    @Override
    public Optional<Duration> criticalModelTime(String workflowId, ModelTimes times) {
      return Optional.empty();
    }
  }
}
