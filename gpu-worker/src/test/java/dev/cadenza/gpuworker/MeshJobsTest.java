package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.proto.gpu.v1.Failed;
import dev.cadenza.proto.gpu.v1.JobEvent;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The mesh model over gRPC: a picture in, a valid, textured, closed glTF relief out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeshJobsTest {

  private final TestWorker worker = TestWorker.start(GpuWorkerConfig.builder());

  @AfterAll
  void stop() throws InterruptedException {
    worker.close();
  }

  @Test
  void aPictureBecomesAValidTexturedGlbRelief() throws Exception {
    List<JobEvent> events = mesh("m-relief", "{\"image\":\"in.png\"}", picture(320, 200, "png"));

    assertThat(Jobs.last(events).hasCompleted())
        .as(Jobs.last(events).toString())
        .isTrue();
    assertThat(events)
        .filteredOn(JobEvent::hasOutput)
        .allMatch(e -> e.getOutput().getContentType().equals("model/gltf-binary"));
    GlbFile glb = GlbFile.parse(Jobs.outputs(events).get("model.glb"));
    JsonNode json = glb.json();
    JsonNode primitive = json.path("meshes").get(0).path("primitives").get(0);
    assertThat(primitive.path("attributes").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("POSITION", "NORMAL", "TEXCOORD_0");

    float[] positions = glb.floats(primitive.path("attributes").path("POSITION").asInt());
    JsonNode accessor = json.path("accessors").get(0);
    for (int axis = 0; axis < 3; axis++) {
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (int i = axis; i < positions.length; i += 3) {
        min = Math.min(min, positions[i]);
        max = Math.max(max, positions[i]);
      }
      assertThat((float) accessor.path("min").get(axis).asDouble()).isEqualTo(min);
      assertThat((float) accessor.path("max").get(axis).asDouble()).isEqualTo(max);
    }
    // One unit across the longer side, standing on y = 0, with a visible relief on top.
    assertThat(
            accessor.path("max").get(0).asDouble() - accessor.path("min").get(0).asDouble())
        .isCloseTo(1.0, offset(1e-6));
    assertThat(accessor.path("min").get(1).asDouble()).isZero();
    assertThat(accessor.path("max").get(1).asDouble()).isGreaterThan(0.1);

    float[] normals = glb.floats(primitive.path("attributes").path("NORMAL").asInt());
    for (int i = 0; i < normals.length; i += 3) {
      double length = Math.sqrt(normals[i] * normals[i]
          + normals[i + 1] * normals[i + 1]
          + normals[i + 2] * normals[i + 2]);
      assertThat(length).isCloseTo(1.0, offset(1e-5));
    }
    int vertices = positions.length / 3;
    int[] indices = glb.indices(primitive.path("indices").asInt());
    assertThat(indices).hasSizeGreaterThan(3 * 1000);
    assertThat(java.util.Arrays.stream(indices).allMatch(i -> i >= 0 && i < vertices))
        .isTrue();

    int imageView = json.path("images").get(0).path("bufferView").asInt();
    BufferedImage texture = ImageIO.read(new ByteArrayInputStream(glb.bufferView(imageView)));
    assertThat(texture.getWidth()).as("power of two nearest 320").isEqualTo(256);
    assertThat(texture.getHeight()).as("power of two nearest 200").isEqualTo(256);
    assertThat(json.path("images").get(0).path("mimeType").asText()).isEqualTo("image/png");
    assertThat(Jobs.last(events).getCompleted().getMetadataMap())
        .containsEntry("vertices", Integer.toString(vertices))
        .containsKey("triangles");
  }

  /** A 32x32 WebP made by {@code ffmpeg -f lavfi -i testsrc=size=32x32 -frames:v 1}. */
  private static final String WEBP =
      "UklGRgYCAABXRUJQVlA4IPoBAACwDACdASogACAAPpE8mkglo6KhKA1QsBIJbACdM1o5n4B+M37AcYF3AyQPkC+o/k7/YN4A/o35AcAD9O/Xj6QDzAP6B7AH6k9NF7Dn7G/sz7PV2lfQGKgTeXx9ZnJfm6Ts4aAOZH936veld3o4AAD+/qCfAF3P84I2gYPgipesL/YwSfZm3xoLp7r3/qdY/PE11NI8RufKQcVvlbh5Ciqz8NHC0TmGYSZKpFhLqk0kpc8twB5HClQH35vLVXf8/xGv/6RJ7B5aI84bz1FlmqepYHN30nCB9srpL/zXBQdYKZUG3QWtSmbC1b/FEgWIc2V8aSCJ3ynnD4Dz+qzZtAW8lZQdsYYajae/CVs/DJbBJC6G7dD9KxmISY7dHFbgbYnloj9lf9XMfIkr42duReOmvm8JujF/7TpvnlufpFfH/j/J3+BC/+dTSQCe61lUj7nJ/4uE3EGLj7rbB2/Di7q5yzqbO26MBJ5O4v5ZPr1vosQsJQx//g7GaFBpRg0nr0N4W0q5ukQKX2X4sXg0mPmQeMjI8wjnaUNOC9DAWXKKoim9DQv/b3x/77+ahZDdcjEgVUz6lKuA/P3tHfZLyKrLfo3/mhXeA+aoAcnvUG69U06CT+YzL0lUplnSJAZ//KqBbKJf/8wKLd8UID3+dvsc8yN3zNpOREAAAA==";

  @Test
  void aWebpUploadBecomesAModelToo() {
    List<JobEvent> events = worker.run(Jobs.request(
        "m-webp",
        "mesh",
        "{\"image\":\"in.webp\"}",
        Map.of("in.webp", java.util.Base64.getDecoder().decode(WEBP))));

    assertThat(Jobs.last(events).hasCompleted())
        .as(Jobs.last(events).toString())
        .isTrue();
    assertThat(Jobs.outputs(events)).containsKey("model.glb");
  }

  @Test
  void theReliefIsWatertightEveryEdgeIsSharedByExactlyTwoTriangles() throws Exception {
    GlbFile glb = GlbFile.parse(Jobs.outputs(mesh(
            "m-closed", "{\"image\":\"in.jpg\",\"style\":\"low poly\"}", picture(64, 96, "jpg")))
        .get("model.glb"));
    float[] p = glb.floats(0);
    int[] triangles = glb.indices(3);
    // Weld vertices by position: walls and bottom have their own vertices for flat normals.
    java.util.Map<String, Integer> welded = new java.util.HashMap<>();
    int[] id = new int[p.length / 3];
    for (int v = 0; v < id.length; v++) {
      id[v] = welded.computeIfAbsent(
          p[3 * v] + "," + p[3 * v + 1] + "," + p[3 * v + 2], k -> welded.size());
    }
    java.util.Map<String, Integer> edges = new java.util.HashMap<>();
    for (int t = 0; t < triangles.length; t += 3) {
      for (int e = 0; e < 3; e++) {
        int a = id[triangles[t + e]];
        int b = id[triangles[t + (e + 1) % 3]];
        edges.merge(Math.min(a, b) + "-" + Math.max(a, b), 1, Integer::sum);
      }
    }
    assertThat(edges).isNotEmpty();
    assertThat(edges.values()).as("triangles per edge").containsOnly(2);
  }

  @Test
  void sameInputSameBytesAndStylesChangeTheMesh() throws Exception {
    byte[] png = picture(200, 200, "png");
    byte[] first = Jobs.outputs(mesh("m-det-1", "{\"image\":\"in.png\"}", png)).get("model.glb");
    byte[] second = Jobs.outputs(mesh("m-det-2", "{\"image\":\"in.png\"}", png)).get("model.glb");
    byte[] lowPoly = Jobs.outputs(
            mesh("m-det-3", "{\"image\":\"in.png\",\"style\":\"low poly\"}", png))
        .get("model.glb");

    assertThat(second).isEqualTo(first);
    assertThat(
            GlbFile.parse(lowPoly).json().path("accessors").get(0).path("count").asInt())
        .isLessThan(
            GlbFile.parse(first).json().path("accessors").get(0).path("count").asInt());
  }

  @Test
  void aMissingOrUnreadablePictureIsInvalidInput() {
    Failed missing =
        Jobs.last(mesh("m-missing", "{\"image\":\"nothing.png\"}", null)).getFailed();
    Failed text = Jobs.last(worker.run(Jobs.request(
            "m-text", "mesh", "{\"image\":\"in.png\"}", Map.of("in.png", "hello".getBytes()))))
        .getFailed();
    Failed noField =
        Jobs.last(worker.run(Jobs.request("m-none", "mesh", "{}", Map.of()))).getFailed();

    assertThat(missing.getCode()).isEqualTo("INVALID_INPUT");
    assertThat(missing.getMessage()).contains("nothing.png");
    assertThat(missing.getRetryable()).isFalse();
    assertThat(text.getCode()).isEqualTo("INVALID_INPUT");
    assertThat(text.getMessage()).contains("not a PNG, JPEG or WebP");
    assertThat(noField.getCode()).isEqualTo("INVALID_INPUT");
  }

  private List<JobEvent> mesh(String id, String input, byte[] picture) {
    String name = input.contains("in.jpg") ? "in.jpg" : "in.png";
    return worker.run(
        Jobs.request(id, "mesh", input, picture == null ? Map.of() : Map.of(name, picture)));
  }

  /** A picture with a bright disc on a gradient: something with relief. */
  static byte[] picture(int w, int h, String format) throws IOException {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, Color.DARK_GRAY, w, h, Color.BLUE));
    g.fillRect(0, 0, w, h);
    g.setColor(Color.WHITE);
    g.fillOval(w / 4, h / 4, w / 2, h / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format.equals("jpg") ? "jpeg" : format, out);
    return out.toByteArray();
  }
}
