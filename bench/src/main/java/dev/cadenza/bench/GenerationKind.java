package dev.cadenza.bench;

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
  String type();

  /** The request's {@code input}; {@code seed} makes each submission distinct. */
  Map<String, Object> input(long seed, int durationSeconds);

  /**
   * The simulated model time on the critical path of the generation with this workflow id, or
   * empty when the bench does not know the type's step graph (no overhead figure then).
   */
  Optional<Duration> criticalModelTime(String workflowId, ModelTimes times);

  List<GenerationKind> ALL = List.of(
      SongKind.DESCRIPTION,
      SongKind.OWN_LYRICS,
      SongKind.INSTRUMENTAL,
      Untimed.of("image", "image", Map.of("prompt", "a lighthouse at dusk, oil painting")),
      Untimed.of("image-to-3d", "image-to-3d", Map.of("prompt", "a small ceramic fox")),
      Untimed.of(
          "render",
          "render",
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
                      List.of(Map.of("start", 0, "duration", 4, "text", "hi"))))))));

  static GenerationKind named(String name) {
    return ALL.stream()
        .filter(k -> k.id().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown kind " + name + "; known: "
            + String.join(", ", ALL.stream().map(GenerationKind::id).toList())));
  }

  /** A type whose inputs the bench can send but whose step graph it does not model yet. */
  record Untimed(String id, String type, Map<String, Object> template) implements GenerationKind {
    static Untimed of(String id, String type, Map<String, Object> template) {
      return new Untimed(id, type, template);
    }

    @Override
    public Map<String, Object> input(long seed, int durationSeconds) {
      Map<String, Object> input = new LinkedHashMap<>(template);
      input.put("seed", seed);
      return input;
    }

    @Override
    public Optional<Duration> criticalModelTime(String workflowId, ModelTimes times) {
      return Optional.empty();
    }
  }
}
