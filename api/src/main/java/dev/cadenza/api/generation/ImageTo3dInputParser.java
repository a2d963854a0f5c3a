package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.workflows.imageto3d.ImageTo3dInput;
import dev.cadenza.workflows.media.StagedFile;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

/**
 * Checks an {@code image-to-3d} input against API.md: exactly one of {@code imageUrl} (an http(s)
 * URL the service may fetch), {@code imageUploadId} (a ready image upload of the user's) or {@code
 * prompt}, an optional {@code style} hint and {@code seed}.
 */
final class ImageTo3dInputParser {
  static final int MAX_STYLE = 200;
  /** Where the picture comes from: exactly one is given. A new source is one more name here. */
  static final List<String> SOURCES = List.of("imageUrl", "imageUploadId", "prompt");

  private static final Set<String> FIELDS =
      Set.of("imageUrl", "imageUploadId", "prompt", "style", "seed");
  private static final SecureRandom SEEDS = new SecureRandom();

  record Parsed(ImageTo3dInput input, JsonNode normalized) {
    boolean fromPrompt() {
      return input.prompt() != null;
    }
  }

  static Parsed parse(JsonNode node, OutboundAddressPolicy policy, UploadResolver uploads) {
    InputReader in = new InputReader(node, "input", FIELDS);
    if (in.isObject() && SOURCES.stream().filter(in::has).count() != 1) {
      in.reject("give exactly one of " + String.join(", ", SOURCES));
      throw new InvalidInputException(in.problems());
    }
    String imageUrl = in.url("imageUrl", policy);
    StagedFile upload = in.upload("imageUploadId", uploads, "image", "image");
    String prompt = in.text("prompt", SongInputParser.MAX_TEXT);
    String style = in.text("style", MAX_STYLE);
    long seed = in.integer("seed", SEEDS.nextInt(Integer.MAX_VALUE), 0, Long.MAX_VALUE);
    if (!in.problems().isEmpty()) {
      throw new InvalidInputException(in.problems());
    }
    ObjectNode normalized = JsonNodeFactory.instance.objectNode();
    if (imageUrl != null) {
      normalized.put("imageUrl", imageUrl);
    } else if (upload != null) {
      normalized.put("imageUploadId", node.get("imageUploadId").asText());
    } else {
      normalized.put("prompt", prompt);
    }
    if (style != null) {
      normalized.put("style", style);
    }
    normalized.put("seed", seed);
    return new Parsed(new ImageTo3dInput(imageUrl, prompt, style, seed, upload), normalized);
  }

  private ImageTo3dInputParser() {}
}
