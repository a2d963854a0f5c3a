package dev.cadenza.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples of the Prometheus text format that the bench reads (no escapes in label values). */
final class PrometheusText {

  record Sample(String name, Map<String, String> labels, double value) {
    String label(String key) {
      return labels.getOrDefault(key, "");
    }
  }

  static List<Sample> parse(String text, String namePrefix) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith(namePrefix)) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String name = line.substring(0, brace >= 0 ? brace : space).trim();
      Map<String, String> labels = new LinkedHashMap<>();
      if (brace >= 0) {
        String body = line.substring(brace + 1, line.lastIndexOf('}'));
        for (String pair : body.split(",")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            labels.put(
                pair.substring(0, eq).trim(), pair.substring(eq + 1).trim().replace("\"", ""));
          }
        }
      }
      try {
        samples.add(new Sample(
            name, labels, Double.parseDouble(line.substring(space + 1).trim())));
      } catch (NumberFormatException e) {
        // NaN and the like: not a figure the bench uses.
      }
    }
    return samples;
  }

  private PrometheusText() {}
}
