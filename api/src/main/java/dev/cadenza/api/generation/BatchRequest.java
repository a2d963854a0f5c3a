package dev.cadenza.api.generation;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /v1/batches}: 1 to 8 generation requests, each its own generation. */
public record BatchRequest(
    @NotNull(message = MESSAGE)
    @Size(min = 1, max = GenerationService.MAX_BATCH, message = MESSAGE)
    @ArraySchema(minItems = 1, maxItems = GenerationService.MAX_BATCH)
    List<@NotNull(message = "must be an object") @Valid CreateGenerationRequest> items) {
  static final String MESSAGE = "must hold between 1 and 8 generation requests";
}
