package dev.cadenza.gpuworker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A GLB file read back and checked against the rules of the glTF 2.0 binary format that a loader
 * relies on; each violation throws. (The Khronos validator checks more; see the module README.)
 */
record GlbFile(JsonNode json, ByteBuffer bin) {

  static GlbFile parse(byte[] bytes) throws IOException {
    ByteBuffer glb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    check(glb.getInt(0) == 0x46546C67, "magic is glTF");
    check(glb.getInt(4) == 2, "version 2");
    check(glb.getInt(8) == bytes.length, "header length is the file length");
    int jsonLength = glb.getInt(12);
    check(glb.getInt(16) == 0x4E4F534A, "first chunk is JSON");
    check(jsonLength % 4 == 0, "JSON chunk is 4-byte aligned");
    JsonNode json = new ObjectMapper()
        .readTree(new String(bytes, 20, jsonLength, StandardCharsets.UTF_8).strip());
    int binAt = 20 + jsonLength;
    int binLength = glb.getInt(binAt);
    check(glb.getInt(binAt + 4) == 0x004E4942, "second chunk is BIN");
    check(binLength % 4 == 0, "BIN chunk is 4-byte aligned");
    check(binAt + 8 + binLength == bytes.length, "chunks fill the file");
    ByteBuffer bin = ByteBuffer.wrap(Arrays.copyOfRange(bytes, binAt + 8, binAt + 8 + binLength))
        .order(ByteOrder.LITTLE_ENDIAN);
    GlbFile file = new GlbFile(json, bin);
    file.checkReferences(binLength);
    return file;
  }

  /** The floats of accessor {@code index} (FLOAT components only). */
  float[] floats(int index) {
    JsonNode accessor = json.path("accessors").get(index);
    check(accessor.path("componentType").asInt() == 5126, "accessor " + index + " is FLOAT");
    int components = components(accessor.path("type").asText());
    float[] values = new float[accessor.path("count").asInt() * components];
    int offset = view(accessor).path("byteOffset").asInt();
    for (int i = 0; i < values.length; i++) {
      values[i] = bin.getFloat(offset + 4 * i);
    }
    return values;
  }

  int[] indices(int index) {
    JsonNode accessor = json.path("accessors").get(index);
    int type = accessor.path("componentType").asInt();
    int[] values = new int[accessor.path("count").asInt()];
    int offset = view(accessor).path("byteOffset").asInt();
    for (int i = 0; i < values.length; i++) {
      values[i] = type == 5123
          ? Short.toUnsignedInt(bin.getShort(offset + 2 * i))
          : bin.getInt(offset + 4 * i);
    }
    return values;
  }

  byte[] bufferView(int index) {
    JsonNode view = json.path("bufferViews").get(index);
    byte[] data = new byte[view.path("byteLength").asInt()];
    bin.get(view.path("byteOffset").asInt(), data);
    return data;
  }

  private JsonNode view(JsonNode accessor) {
    return json.path("bufferViews").get(accessor.path("bufferView").asInt());
  }

  private void checkReferences(int binLength) {
    check(json.path("asset").path("version").asText().equals("2.0"), "asset.version 2.0");
    check(json.path("buffers").get(0).path("byteLength").asInt() <= binLength, "buffer fits");
    for (JsonNode view : json.path("bufferViews")) {
      check(
          view.path("byteOffset").asInt() + view.path("byteLength").asInt() <= binLength,
          "buffer view inside the buffer");
      check(view.path("byteOffset").asInt() % 4 == 0, "buffer view aligned");
    }
    for (JsonNode accessor : json.path("accessors")) {
      JsonNode view = view(accessor);
      int size = accessor.path("count").asInt()
          * components(accessor.path("type").asText())
          * (accessor.path("componentType").asInt() == 5123 ? 2 : 4);
      check(size <= view.path("byteLength").asInt(), "accessor inside its view");
    }
  }

  static int components(String type) {
    return switch (type) {
      case "SCALAR" -> 1;
      case "VEC2" -> 2;
      case "VEC3" -> 3;
      case "VEC4" -> 4;
      default -> throw new AssertionError("accessor type " + type);
    };
  }

  private static void check(boolean condition, String rule) {
    if (!condition) {
      throw new AssertionError("GLB rule broken: " + rule);
    }
  }
}
