package dev.cadenza.gpuworker.image;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.media.PngWriter;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunContext;
import dev.cadenza.gpuworker.runner.RunResult;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * Model {@code "image"}: stands in for an image model. Paints {@code cover.png} (see {@link
 * CoverPainter}); input as in {@link CoverRequest}. Metadata: {@code width}, {@code height}.
 */
public final class ImageRunner implements ModelRunner {

  @Override
  public String model() {
    return "image";
  }

  @Override
  public void validate(Struct input) {
    CoverRequest.from(input);
  }

  @Override
  public RunResult run(Struct input, RunContext ctx) {
    CoverRequest request = CoverRequest.from(input);
    ctx.progress("paint", 0);
    BufferedImage cover = CoverPainter.paint(request, percent -> ctx.progress("paint", percent));
    ctx.progress("encode", 95);
    ctx.emitOutput("cover.png", "image/png", PngWriter.rgb(cover));
    return RunResult.media(Map.of(
        "width", Integer.toString(request.width()),
        "height", Integer.toString(request.height())));
  }
}
