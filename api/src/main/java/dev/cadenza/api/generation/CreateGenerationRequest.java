package dev.cadenza.api.generation;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.cadenza.api.generation.input.GenerationInput;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * Body of {@code POST /v1/generations} (and an item of a batch). {@code type} names the record
 * {@code input} is read into; the webhook fields are checked by the create path, which knows the
 * outbound policy for webhooks.
 */
@Schema(name = "CreateGenerationRequest", description = "A generation to start.")
public record CreateGenerationRequest(
    @NotNull(message = "is required")
    @Pattern(regexp = TYPES, message = "must be one of song, image, image-to-3d, render")
    @Schema(
        description = "What to generate.",
        allowableValues = {"song", "image", "image-to-3d", "render"},
        requiredMode = Schema.RequiredMode.REQUIRED)
    String type,

    @JsonTypeInfo(
        use = JsonTypeInfo.Id.NAME,
        include = JsonTypeInfo.As.EXTERNAL_PROPERTY,
        property = "type",
        visible = true)
    @NotNull(message = "is required")
    @Valid
    @Schema(
        implementation = GenerationInput.AnyInput.class,
        requiredMode = Schema.RequiredMode.REQUIRED)
    GenerationInput input,

    @Schema(
        description = "URL that receives the generation, signed per Standard Webhooks.",
        format = "uri",
        maxLength = 2000)
    String webhook,

    @ArraySchema(
        schema =
            @Schema(allowableValues = {"started", "progress", "completed", "failed", "canceled"}),
        arraySchema = @Schema(description = "Which events to send; all by default."))
    List<String> webhookEvents) {
  private static final String TYPES = "song|image|image-to-3d|render";
}
