package dev.cadenza.generation.output;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** Output of an {@code image-to-3d}. */
@Schema(description = "Output of an `image-to-3d`.")
public record ImageTo3dOutput(
    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        description = "The picture the model was made from (image/png).")
    Asset image,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        description = "The textured model (model/gltf-binary).")
    Asset model) {}
