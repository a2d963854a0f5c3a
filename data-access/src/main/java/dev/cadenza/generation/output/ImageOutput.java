package dev.cadenza.generation.output;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** Output of an {@code image}. */
@Schema(description = "Output of an `image`.")
public record ImageOutput(
    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        description = "image/png, with `width` and `height`.")
    Asset image) {}
