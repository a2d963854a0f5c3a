package dev.cadenza.api.generation;

import static dev.cadenza.workflows.generation.GenerationType.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.OutputAssets;
import dev.cadenza.generation.OutputDocument;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.media.StagedFile;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Resolves the earlier generation a request builds on (API.md "Building on earlier generations"):
 * an image-to-3d's {@code imageFrom}, a song's {@code remixOf}. A parent the user may not see
 * gets exactly the same answer as one that does not exist, so an id never reveals that someone
 * else's generation exists; only a visible parent is then checked for its type and status.
 */
@Component
public class ParentGenerations {
  /** Generation ids are {@code gen_} and 20 hex digits; this bounds what is looked up. */
  static final int MAX_ID = 64;

  /** The asset fields of a stored output document that are not media facts. */
  private static final Set<String> ASSET_FIELDS =
      Set.of(OutputDocument.STORAGE_KEY, "contentType", "sizeBytes", "sha256");

  private final GenerationStore store;

  public ParentGenerations(GenerationStore store) {
    this.store = store;
  }

  /**
   * The stored image of the user's own succeeded {@code image} or {@code image-to-3d} generation
   * {@code parentId}, as a claim check (its storage key, size and sha256): the workflow reads and
   * copies it in storage, its bytes never travel through the request or the workflow.
   *
   * @param field the request field that named it, for the 422
   */
  public StagedFile image(String userId, String parentId, String field) {
    Generation parent = visible(userId, parentId, false, field, "an image of yours");
    usable(parent, Set.of(IMAGE, IMAGE_TO_3D), "an image or image-to-3d generation", field);
    JsonNode image = parent.output() == null ? null : parent.output().get("image");
    if (image == null || !image.path(OutputDocument.STORAGE_KEY).isTextual()) {
      // A succeeded image always has one; this is a row written by a broken or older worker.
      throw invalid(field, parentId + " has no stored image to use");
    }
    String key = image.get(OutputDocument.STORAGE_KEY).asText();
    Map<String, String> facts = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = image.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> fact = it.next();
      if (!ASSET_FIELDS.contains(fact.getKey()) && fact.getValue().isValueNode()) {
        facts.put(fact.getKey(), fact.getValue().asText());
      }
    }
    return new StagedFile(
        key,
        OutputAssets.fileName(key),
        image.path("contentType").asText(),
        image.path("sizeBytes").asLong(),
        image.path("sha256").asText(),
        facts);
  }

  /**
   * The succeeded {@code song} {@code parentId} that the user owns or that is published.
   *
   * @param field the request field that named it, for the 422
   */
  public Generation song(String userId, String parentId, String field) {
    Generation parent =
        visible(userId, parentId, true, field, "a song of yours or a published one");
    usable(parent, Set.of(SONG), "a song", field);
    return parent;
  }

  /**
   * The generation, if the user may build on it: their own, or (when {@code publishedToo}) a
   * published one of anybody's. Otherwise the same 422 whether it exists or not.
   */
  private Generation visible(
      String userId, String parentId, boolean publishedToo, String field, String what) {
    return store
        .find(parentId)
        .filter(g -> g.userId().equals(userId) || (publishedToo && g.published()))
        .orElseThrow(
            () -> invalid(field, "must be the id of " + what + ": there is no such generation"));
  }

  private static void usable(
      Generation parent, Set<GenerationType> types, String what, String field) {
    if (GenerationType.find(parent.type()).filter(types::contains).isEmpty()) {
      throw invalid(field, "must be " + what + "; " + parent.id() + " is of type " + parent.type());
    }
    if (parent.status() != GenerationStatus.SUCCEEDED) {
      throw invalid(
          field,
          "must be a succeeded generation; " + parent.id() + " is "
              + parent.status().dbValue());
    }
  }

  private static InvalidInputException invalid(String field, String message) {
    return new InvalidInputException(List.of(new FieldProblem(field, message)));
  }
}
