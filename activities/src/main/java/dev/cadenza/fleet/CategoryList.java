package dev.cadenza.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the categories answer of the text model: a JSON array of strings. An LLM sometimes answers
 * "pop, rock" instead; that is accepted too, because re-asking would re-attach to the same answer.
 */
final class CategoryList {

  static final int MAX = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private CategoryList() {}

  /** Up to four distinct lowercase categories, in the model's order. */
  static List<String> parse(String answer) {
    Stream<String> raw;
    try {
      JsonNode node = JSON.readTree(answer);
      raw = node != null && node.isArray() ? texts(node) : commaSeparated(answer);
    } catch (JsonProcessingException e) {
      raw = commaSeparated(answer);
    }
    return raw.map(c -> c.strip().toLowerCase(Locale.ROOT))
        .filter(c -> !c.isEmpty())
        .distinct()
        .limit(MAX)
        .toList();
  }

  private static Stream<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.isValueNode() ? element.asText() : ""));
    return texts.stream();
  }

  private static Stream<String> commaSeparated(String answer) {
    String bare = answer == null ? "" : answer.replaceAll("[\\[\\]\"]", "");
    return Arrays.stream(bare.split("[,\\n]"));
  }
}
