package dev.cadenza.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.workflows.generation.GenerationOutput;
import dev.cadenza.workflows.generation.StepState;
import dev.cadenza.workflows.render.Publication;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns workflow results into the JSON the read model stores, shaped like the API's output:
 * an asset is an object with {@code storageKey}, {@code contentType}, {@code sizeBytes},
 * {@code sha256} and its metadata as fields (for example {@code durationSeconds}). The API swaps
 * {@code storageKey} for a signed {@code url} when it shows it.
 */
@Component
public class OutputDocument {
  public static final String STORAGE_KEY = "storageKey";
  private final ObjectMapper json;

  public OutputDocument(ObjectMapper json) {
    this.json = json;
  }

  public JsonNode output(GenerationOutput output) {
    ObjectNode tree = json.valueToTree(output);
    tree.remove("kind");
    flattenAssets(tree);
    return tree;
  }

  /** One entry of a render's {@code output.publications}. */
  public JsonNode publication(Publication publication) {
    return json.valueToTree(publication);
  }

  public JsonNode steps(List<StepState> steps) {
    ArrayNode array = json.createArrayNode();
    for (StepState step : steps) {
      ObjectNode node = array.addObject();
      node.put("name", step.name());
      node.put("status", step.status().name().toLowerCase());
      node.put("startedAt", step.startedAt() == null ? null : step.startedAt().toString());
      node.put(
          "completedAt", step.completedAt() == null ? null : step.completedAt().toString());
    }
    return array;
  }

  private static void flattenAssets(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has(STORAGE_KEY) && object.get("metadata") instanceof ObjectNode metadata) {
        object.remove("metadata");
        object.remove("name");
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          object.set(field.getKey(), typed(field.getValue()));
        }
      }
      object.forEach(OutputDocument::flattenAssets);
    } else if (node instanceof ArrayNode array) {
      array.forEach(OutputDocument::flattenAssets);
    }
  }

  /** Metadata travels as strings; numbers are shown as numbers. */
  private static JsonNode typed(JsonNode value) {
    String text = value.asText();
    if (text.equals("true") || text.equals("false")) {
      return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(text));
    }
    try {
      return text.contains(".")
          ? JsonNodeFactory.instance.numberNode(Double.parseDouble(text))
          : JsonNodeFactory.instance.numberNode(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return value;
    }
  }
}
