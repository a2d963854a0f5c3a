package dev.cadenza.gpuworker.mesh;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.media.Pictures;
import dev.cadenza.gpuworker.runner.ModelFile;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunContext;
import dev.cadenza.gpuworker.runner.RunResult;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * Model {@code "mesh"}: stands in for an image-to-3D model. Lifts the input picture into a
 * textured relief plate (see {@link ReliefMesh}) and emits it as {@code model.glb} ({@code
 * model/gltf-binary}, glTF 2.0 with positions, normals, texture coordinates, indices and the
 * picture as an embedded PNG texture). Input: see {@link MeshRequest}; the picture arrives as an
 * input file. Metadata: {@code vertices}, {@code triangles}, {@code textureWidth}, {@code
 * textureHeight}.
 */
public final class MeshRunner implements ModelRunner {

  public static final String OUTPUT = "model.glb";
  public static final String CONTENT_TYPE = "model/gltf-binary";

  private static final int GRID = 128;
  private static final int LOW_POLY_GRID = 24;
  private static final int MAX_TEXTURE = 1024;

  @Override
  public String model() {
    return "mesh";
  }

  @Override
  public void validate(Struct input) {
    MeshRequest.from(input);
  }

  @Override
  public RunResult run(Struct input, RunContext ctx) {
    MeshRequest request = MeshRequest.from(input);
    ctx.progress("load", 0);
    ModelFile file = ctx.requiredFile("image", request.image());
    BufferedImage picture = Pictures.decode(file.bytes(), "image");
    ctx.progress("heightfield", 20);

    double aspect = (double) picture.getWidth() / picture.getHeight();
    int grid = request.lowPoly() ? LOW_POLY_GRID : GRID;
    int columns = Math.max(2, (int) Math.round(aspect >= 1 ? grid : grid * aspect));
    int rows = Math.max(2, (int) Math.round(aspect >= 1 ? grid / aspect : grid));
    Heightfield field = Heightfield.of(
        picture,
        columns,
        rows,
        request.engraved(),
        request.smooth() ? 4 : request.lowPoly() ? 0 : 1);
    ctx.progress("mesh", 50);

    TriangleMesh mesh = ReliefMesh.build(field, aspect);
    ctx.progress("texture", 70);
    // Power-of-two sides (the UVs span 0..1 whatever the stretch): mipmaps and wrapping then
    // work everywhere, WebGL 1 included.
    BufferedImage texture =
        Pictures.scaled(picture, powerOfTwo(picture.getWidth()), powerOfTwo(picture.getHeight()));
    byte[] png = Pictures.png(texture);
    ctx.progress("encode", 90);

    ctx.emitOutput(OUTPUT, CONTENT_TYPE, GlbWriter.write(mesh, png, "relief"));
    return RunResult.media(Map.of(
        "vertices", Integer.toString(mesh.vertexCount()),
        "triangles", Integer.toString(mesh.triangleCount()),
        "textureWidth", Integer.toString(texture.getWidth()),
        "textureHeight", Integer.toString(texture.getHeight())));
  }

  /** The power of two nearest to {@code pixels}, 16..{@value #MAX_TEXTURE}. */
  static int powerOfTwo(int pixels) {
    int below = Integer.highestOneBit(Math.max(1, pixels));
    int nearest = pixels - below < below * 2 - pixels ? below : below * 2;
    return Math.clamp(nearest, 16, MAX_TEXTURE);
  }
}
