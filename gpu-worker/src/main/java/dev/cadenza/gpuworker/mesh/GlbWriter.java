package dev.cadenza.gpuworker.mesh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes one textured triangle mesh as binary glTF 2.0 (GLB): a 12-byte header, a JSON chunk
 * and a BIN chunk holding positions, normals, texture coordinates, indices and the PNG texture,
 * each in its own 4-byte aligned buffer view. Positions carry the exact min/max the format
 * requires.
 */
final class GlbWriter {

  private static final int MAGIC = 0x46546C67; // "glTF"
  private static final int VERSION = 2;
  private static final int CHUNK_JSON = 0x4E4F534A; // "JSON"
  private static final int CHUNK_BIN = 0x004E4942; // "BIN\0"
  private static final int FLOAT = 5126;
  private static final int UNSIGNED_SHORT = 5123;
  private static final int UNSIGNED_INT = 5125;
  private static final int ARRAY_BUFFER = 34962;
  private static final int ELEMENT_ARRAY_BUFFER = 34963;
  private static final int LINEAR = 9729;
  private static final int CLAMP_TO_EDGE = 33071;
  private static final ObjectMapper JSON = new ObjectMapper();

  private GlbWriter() {}

  static byte[] write(TriangleMesh mesh, byte[] texturePng, String name) {
    float[] positions = mesh.positions();
    int[] indices = mesh.indices();
    boolean shortIndices = mesh.vertexCount() <= 0xFFFF;

    Bin bin = new Bin();
    int positionView = bin.floats(positions, ARRAY_BUFFER);
    int normalView = bin.floats(mesh.normals(), ARRAY_BUFFER);
    int uvView = bin.floats(mesh.uvs(), ARRAY_BUFFER);
    int indexView = bin.indices(indices, shortIndices);
    int imageView = bin.raw(texturePng);

    ObjectNode gltf = JSON.createObjectNode();
    gltf.putObject("asset").put("version", "2.0").put("generator", "Cadenza built-in mesh model");
    gltf.put("scene", 0);
    gltf.putArray("scenes").addObject().putArray("nodes").add(0);
    gltf.putArray("nodes").addObject().put("name", name).put("mesh", 0);

    ObjectNode primitive = gltf.putArray("meshes")
        .addObject()
        .put("name", name)
        .putArray("primitives")
        .addObject();
    primitive.putObject("attributes").put("POSITION", 0).put("NORMAL", 1).put("TEXCOORD_0", 2);
    primitive.put("indices", 3).put("material", 0).put("mode", 4);

    ArrayNode accessors = gltf.putArray("accessors");
    ObjectNode position = accessor(accessors, positionView, FLOAT, mesh.vertexCount(), "VEC3");
    bounds(position, positions);
    accessor(accessors, normalView, FLOAT, mesh.vertexCount(), "VEC3");
    accessor(accessors, uvView, FLOAT, mesh.vertexCount(), "VEC2");
    accessor(
        accessors,
        indexView,
        shortIndices ? UNSIGNED_SHORT : UNSIGNED_INT,
        indices.length,
        "SCALAR");

    ObjectNode pbr =
        gltf.putArray("materials").addObject().put("name", name).putObject("pbrMetallicRoughness");
    pbr.putObject("baseColorTexture").put("index", 0);
    pbr.put("metallicFactor", 0.0).put("roughnessFactor", 0.85);
    gltf.putArray("textures").addObject().put("sampler", 0).put("source", 0);
    gltf.putArray("samplers")
        .addObject()
        .put("magFilter", LINEAR)
        .put("minFilter", LINEAR)
        .put("wrapS", CLAMP_TO_EDGE)
        .put("wrapT", CLAMP_TO_EDGE);
    gltf.putArray("images").addObject().put("bufferView", imageView).put("mimeType", "image/png");
    gltf.set("bufferViews", bin.views);
    gltf.putArray("buffers").addObject().put("byteLength", bin.size());

    return container(json(gltf), bin.bytes());
  }

  private static ObjectNode accessor(
      ArrayNode accessors, int view, int componentType, int count, String type) {
    return accessors
        .addObject()
        .put("bufferView", view)
        .put("componentType", componentType)
        .put("count", count)
        .put("type", type);
  }

  private static void bounds(ObjectNode accessor, float[] xyz) {
    float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
    float[] max = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
    for (int i = 0; i < xyz.length; i++) {
      min[i % 3] = Math.min(min[i % 3], xyz[i]);
      max[i % 3] = Math.max(max[i % 3], xyz[i]);
    }
    ArrayNode minNode = accessor.putArray("min");
    ArrayNode maxNode = accessor.putArray("max");
    for (int k = 0; k < 3; k++) {
      // Float values, written as floats: the validator compares them with the data bit for bit.
      minNode.add(min[k]);
      maxNode.add(max[k]);
    }
  }

  private static byte[] json(ObjectNode gltf) {
    try {
      return JSON.writeValueAsBytes(gltf);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] container(byte[] json, byte[] bin) {
    int jsonLength = padded(json.length);
    int binLength = padded(bin.length);
    int total = 12 + 8 + jsonLength + 8 + binLength;
    ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC).putInt(VERSION).putInt(total);
    out.putInt(jsonLength).putInt(CHUNK_JSON).put(json);
    for (int i = json.length; i < jsonLength; i++) {
      out.put((byte) ' '); // the JSON chunk is padded with spaces
    }
    out.putInt(binLength).putInt(CHUNK_BIN).put(bin);
    // The BIN chunk is padded with zeros, which allocate() already wrote.
    return out.array();
  }

  private static int padded(int length) {
    return (length + 3) & ~3;
  }

  /** The BIN chunk being laid out, with one buffer view per block. */
  private static final class Bin {
    final ArrayNode views = JSON.createArrayNode();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int floats(float[] values, int target) {
      ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      for (float value : values) {
        buffer.putFloat(value);
      }
      return view(buffer.array(), target);
    }

    int indices(int[] values, boolean asShorts) {
      ByteBuffer buffer =
          ByteBuffer.allocate((asShorts ? 2 : 4) * values.length).order(ByteOrder.LITTLE_ENDIAN);
      for (int value : values) {
        if (asShorts) {
          buffer.putShort((short) value);
        } else {
          buffer.putInt(value);
        }
      }
      return view(buffer.array(), ELEMENT_ARRAY_BUFFER);
    }

    int raw(byte[] data) {
      return view(data, 0);
    }

    int size() {
      return bytes.size();
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }

    private int view(byte[] data, int target) {
      while (bytes.size() % 4 != 0) {
        bytes.write(0);
      }
      ObjectNode view = views
          .addObject()
          .put("buffer", 0)
          .put("byteOffset", bytes.size())
          .put("byteLength", data.length);
      if (target != 0) {
        view.put("target", target);
      }
      bytes.write(data, 0, data.length);
      return views.size() - 1;
    }
  }
}
