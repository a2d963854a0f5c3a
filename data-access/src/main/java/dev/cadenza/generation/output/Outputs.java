package dev.cadenza.generation.output;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The schemas of a stored output as a whole: one of the four records, which one follows the
 * generation's {@code type} ({@code anyOf}: an image-to-3d output is an image output too). Interfaces because springdoc resolves the choices of a class's
 * {@code @Schema(anyOf)}, not those on a {@code JsonNode} field.
 */
public final class Outputs {
  @Schema(
      name = "Output",
      anyOf = {SongOutput.class, ImageOutput.class, ImageTo3dOutput.class, RenderOutput.class},
      description = "The output of its `type`: SongOutput, ImageOutput, ImageTo3dOutput or"
          + " RenderOutput.")
  public interface Any {}

  @Schema(
      name = "OutputOrNull",
      anyOf = {
        SongOutput.class,
        ImageOutput.class,
        ImageTo3dOutput.class,
        RenderOutput.class,
        JsonNull.class
      },
      description = "The output of its `type` (SongOutput, ImageOutput, ImageTo3dOutput or"
          + " RenderOutput); null until it succeeds.")
  public interface AnyOrNull {}

  private Outputs() {}
}
