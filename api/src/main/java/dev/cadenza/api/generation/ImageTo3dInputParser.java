package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.workflows.imageto3d.ImageTo3dInput;
import dev.cadenza.workflows.media.StagedFile;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks an {@code image-to-3d} input against API.md: exactly one picture source ({@code
 * imageUrl}, an http(s) URL the service may fetch; {@code imageUploadId}, a ready image upload of
 * the user's; {@code imageFrom}, an earlier generation's image; or {@code prompt}), an optional
 * {@code style} hint and {@code seed}.
 */
final class ImageTo3dInputParser {
  static final int MAX_STYLE = 200;

  /** Where the picture comes from: exactly one is given. A new source is one more name here. */
  static final List<String> SOURCES = List.of("imageUrl", "imageUploadId", "imageFrom", "prompt");

  private static final Set<String> FIELDS =
      Set.of("imageUrl", "imageUploadId", "imageFrom", "prompt", "style", "seed");
  private static final SecureRandom SEEDS = new SecureRandom();

  /** @param parentId the generation named by {@code imageFrom}; null otherwise */
  record Parsed(ImageTo3dInput input, JsonNode normalized, String parentId) {
    boolean fromPrompt() {
      return input.prompt() != null;
    }
  }

  /**
   * @param uploads resolves {@code imageUploadId} to the user's ready upload
   * @param imageOf the stored image of the generation {@code imageFrom} names (see {@link
   *     ParentGenerations#image}); asked only when the rest of the input is valid
   */
  static Parsed parse(
      JsonNode node,
      OutboundAddressPolicy policy,
      UploadResolver uploads,
      Function<String, StagedFile> imageOf) {
    InputReader in = new InputReader(node, "input", FIELDS);
    if (in.isObject() && SOURCES.stream().filter(in::has).count() != 1) {
      in.reject("give exactly one of " + String.join(", ", SOURCES));
      throw new InvalidInputException(in.problems());
    }
    String imageUrl = in.url("imageUrl", policy);
    StagedFile upload = in.upload("imageUploadId", uploads, "image", "image");
    String imageFrom = in.text("imageFrom", ParentGenerations.MAX_ID);
    String prompt = in.text("prompt", SongInputParser.MAX_TEXT);
    String style = in.text("style", MAX_STYLE);
    long seed = in.integer("seed", SEEDS.nextInt(Integer.MAX_VALUE), 0, Long.MAX_VALUE);
    if (!in.problems().isEmpty()) {
      throw new InvalidInputException(in.problems());
    }
    StagedFile parentImage = imageFrom == null ? null : imageOf.apply(imageFrom);
    ObjectNode normalized = JsonNodeFactory.instance.objectNode();
    if (imageUrl != null) {
      normalized.put("imageUrl", imageUrl);
    } else if (upload != null) {
      normalized.put("imageUploadId", node.get("imageUploadId").asText());
    } else if (imageFrom != null) {
      normalized.put("imageFrom", imageFrom);
    } else {
      normalized.put("prompt", prompt);
    }
    if (style != null) {
      normalized.put("style", style);
    }
    normalized.put("seed", seed);
    return new Parsed(
        new ImageTo3dInput(imageUrl, prompt, style, seed, parentImage, upload),
        normalized,
        imageFrom);
  }

  private ImageTo3dInputParser() {}
}
