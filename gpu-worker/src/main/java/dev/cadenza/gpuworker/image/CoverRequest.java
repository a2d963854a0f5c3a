package dev.cadenza.gpuworker.image;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.runner.ModelInput;

/**
 * The input of the image model.
 *
 * @param prompt decides the palette (with the seed); mood words darken or brighten it
 * @param title optional text drawn on the cover
 * @param width pixels, 256..1536, default 512
 * @param height pixels, 256..1536, default 512
 */
record CoverRequest(String prompt, String title, int width, int height, long seed) {

  static final int MIN_SIZE = 256;
  static final int MAX_SIZE = 1536;
  static final int DEFAULT_SIZE = 512;

  static CoverRequest from(Struct input) {
    ModelInput in = ModelInput.of(input);
    return new CoverRequest(
        in.text("prompt", ""),
        in.text("title", ""),
        in.integer("width", DEFAULT_SIZE, MIN_SIZE, MAX_SIZE),
        in.integer("height", DEFAULT_SIZE, MIN_SIZE, MAX_SIZE),
        in.seed());
  }
}
