package dev.cadenza.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The assets of a stored output document: the objects, at any depth, that carry a {@code
 * storageKey} (see {@link OutputDocument}). Shown to clients with a {@code url} instead.
 */
public final class OutputAssets {

  /** A copy of {@code output} where every asset's {@code storageKey} became a {@code url}. */
  public static JsonNode withUrls(JsonNode output, Function<String, URI> urlOfKey) {
    JsonNode copy = output.deepCopy();
    replaceKeys(copy, urlOfKey);
    return copy;
  }

  /** Every asset of {@code output}, in document order. */
  public static List<ObjectNode> of(JsonNode output) {
    List<ObjectNode> assets = new ArrayList<>();
    collect(output, assets);
    return assets;
  }

  /** The asset's file name: the last segment of its storage key. */
  public static String fileName(String storageKey) {
    return storageKey.substring(storageKey.lastIndexOf('/') + 1);
  }

  private static void replaceKeys(JsonNode node, Function<String, URI> urlOfKey) {
    if (node instanceof ObjectNode object) {
      JsonNode key = object.remove(OutputDocument.STORAGE_KEY);
      if (key != null) {
        object.put("url", urlOfKey.apply(key.asText()).toString());
      }
      object.forEach(child -> replaceKeys(child, urlOfKey));
    } else if (node instanceof ArrayNode array) {
      array.forEach(child -> replaceKeys(child, urlOfKey));
    }
  }

  private static void collect(JsonNode node, List<ObjectNode> assets) {
    if (node instanceof ObjectNode object) {
      if (object.path(OutputDocument.STORAGE_KEY).isTextual()) {
        assets.add(object);
      }
      object.forEach(child -> collect(child, assets));
    } else if (node instanceof ArrayNode array) {
      array.forEach(child -> collect(child, assets));
    }
  }

  private OutputAssets() {}
}
