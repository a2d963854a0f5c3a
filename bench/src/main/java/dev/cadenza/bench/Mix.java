package dev.cadenza.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which kinds are submitted in what proportion, from {@code mix=song:3,song-lyrics:1}. The
 * sequence is deterministic (weighted round robin), so two runs submit the same kinds in the same
 * order.
 */
public record Mix(Map<GenerationKind, Integer> weights, List<GenerationKind> cycle) {

  public static Mix parse(String spec) {
    Map<GenerationKind, Integer> weights = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.trim().split(":", 2);
      int weight = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : 1;
      if (weight <= 0) {
        throw new IllegalArgumentException("mix weights must be > 0: " + entry);
      }
      weights.merge(GenerationKind.named(parts[0].trim()), weight, Integer::sum);
    }
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("mix is empty");
    }
    return new Mix(weights, interleave(weights));
  }

  /** The kind of the i-th submission. */
  public GenerationKind kind(int i) {
    return cycle.get(i % cycle.size());
  }

  /** Smooth weighted round robin: song:2,image:1 gives song, image, song, ... */
  private static List<GenerationKind> interleave(Map<GenerationKind, Integer> weights) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    Map<GenerationKind, Integer> current = new LinkedHashMap<>();
    weights.keySet().forEach(k -> current.put(k, 0));
    List<GenerationKind> cycle = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      GenerationKind best = null;
      for (Map.Entry<GenerationKind, Integer> e : weights.entrySet()) {
        int value = current.get(e.getKey()) + e.getValue();
        current.put(e.getKey(), value);
        if (best == null || value > current.get(best)) {
          best = e.getKey();
        }
      }
      current.put(best, current.get(best) - total);
      cycle.add(best);
    }
    return List.copyOf(cycle);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    weights.forEach((k, w) ->
        text.append(text.isEmpty() ? "" : ",").append(k.id()).append(':').append(w));
    return text.toString();
  }
}
