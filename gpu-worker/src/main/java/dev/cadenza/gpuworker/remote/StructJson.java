package dev.cadenza.gpuworker.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;

/** A job's input {@link Struct} as the JSON object it was built from. */
public final class StructJson {

  /** Whole doubles up to 2^53 are exact; beyond that a long would pretend precision. */
  private static final double MAX_EXACT = 9_007_199_254_740_992d;

  private StructJson() {}

  /**
   * The Struct as a JSON object. Protobuf numbers are doubles;
   * whole ones are written as integers ({@code 30}, not {@code 30.0}), because model servers
   * that declare an {@code int} input may refuse a float.
   */
  public static ObjectNode toJson(Struct struct) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
      object.set(field.getKey(), toJson(field.getValue()));
    }
    return object;
  }

  private static JsonNode toJson(Value value) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    return switch (value.getKindCase()) {
      case STRING_VALUE -> json.textNode(value.getStringValue());
      case BOOL_VALUE -> json.booleanNode(value.getBoolValue());
      case NUMBER_VALUE -> number(value.getNumberValue());
      case STRUCT_VALUE -> toJson(value.getStructValue());
      case LIST_VALUE -> list(value.getListValue());
      case NULL_VALUE, KIND_NOT_SET -> json.nullNode();
    };
  }

  private static JsonNode number(double n) {
    if (n == Math.rint(n) && Math.abs(n) <= MAX_EXACT) {
      return JsonNodeFactory.instance.numberNode((long) n);
    }
    return JsonNodeFactory.instance.numberNode(n);
  }

  private static ArrayNode list(ListValue list) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    list.getValuesList().forEach(v -> array.add(toJson(v)));
    return array;
  }
}
