package dev.cadenza.gpuworker.mesh;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import dev.cadenza.gpuworker.runner.ModelInput;
import java.util.Locale;

/**
 * The input of the mesh model.
 *
 * @param image name of the input file holding the picture (PNG or JPEG), required
 * @param style a free-form hint; the built-in model understands "engraved" (dark is high),
 *     "low poly" (a coarse grid) and "smooth" (softer relief); anything else is a plain relief
 * @param seed accepted for parity with other models; the relief is fully determined by the image
 */
record MeshRequest(String image, String style, long seed) {

  static MeshRequest from(Struct input) {
    ModelInput in = ModelInput.of(input);
    String image = in.text("image", "");
    if (image.isEmpty()) {
      throw ModelFailureException.invalidInput("image is required (the name of an input file)");
    }
    return new MeshRequest(image, in.text("style", "relief"), in.seed());
  }

  boolean engraved() {
    return mentions("engrav", "invert", "carv", "deboss");
  }

  boolean lowPoly() {
    return mentions("low poly", "low-poly", "lowpoly", "blocky", "voxel");
  }

  boolean smooth() {
    return mentions("smooth", "soft", "organic", "clay");
  }

  private boolean mentions(String... words) {
    String lower = style.toLowerCase(Locale.ROOT);
    for (String word : words) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
