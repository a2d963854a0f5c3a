package dev.cadenza.generation.output;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** A generated file of an output; media facts ({@code width}, {@code durationSeconds}) beside. */
@Schema(
    description = "A generated file in an output; media facts such as `width`, `height` or"
        + " `durationSeconds` beside these fields.")
public record Asset(
    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        format = "uri",
        description = "Signed, time-limited (1 h) download URL for the owner; once published,"
            + " the public URL that needs no key (404 again once unpublished).")
    String url,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        description = "Media type.",
        example = "audio/wav")
    String contentType,

    @Schema(requiredMode = RequiredMode.REQUIRED, description = "Size.")
    long sizeBytes,

    @Schema(requiredMode = RequiredMode.REQUIRED, description = "Hex SHA-256 of the content.")
    String sha256) {}
