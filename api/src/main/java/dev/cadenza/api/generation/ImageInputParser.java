package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.workflows.image.ImageInput;
import java.security.SecureRandom;
import java.util.Set;

/** Checks an {@code image} input against API.md and fills its defaults (512 x 512, a seed). */
final class ImageInputParser {
  static final int MIN_SIZE = 256;
  static final int MAX_SIZE = 1536;
  static final int DEFAULT_SIZE = 512;
  private static final Set<String> FIELDS = Set.of("prompt", "width", "height", "seed");
  private static final SecureRandom SEEDS = new SecureRandom();

  record Parsed(ImageInput input, JsonNode normalized) {}

  static Parsed parse(JsonNode node) {
    InputReader in = new InputReader(node, "input", FIELDS);
    String prompt = in.text("prompt", SongInputParser.MAX_TEXT);
    int width = (int) in.integer("width", DEFAULT_SIZE, MIN_SIZE, MAX_SIZE);
    int height = (int) in.integer("height", DEFAULT_SIZE, MIN_SIZE, MAX_SIZE);
    long seed = in.integer("seed", SEEDS.nextInt(Integer.MAX_VALUE), 0, Long.MAX_VALUE);
    if (in.problems().isEmpty() && prompt == null) {
      in.reject("prompt", "is required");
    }
    if (!in.problems().isEmpty()) {
      throw new InvalidInputException(in.problems());
    }
    ObjectNode normalized = JsonNodeFactory.instance.objectNode();
    normalized.put("prompt", prompt);
    normalized.put("width", width);
    normalized.put("height", height);
    normalized.put("seed", seed);
    return new Parsed(new ImageInput(prompt, width, height, seed), normalized);
  }

  private ImageInputParser() {}
}
