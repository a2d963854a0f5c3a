package dev.cadenza.api.generation.input;

import dev.cadenza.api.validation.KnownFieldsOnly;
import dev.cadenza.api.validation.Text;
import dev.cadenza.api.validation.WholeNumber;
import dev.cadenza.workflows.generation.GenerationType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** An {@code image} input: a prompt and optionally the size (512 x 512 by default) and seed. */
@KnownFieldsOnly
@Schema(name = "ImageInput", description = "Input of an `image`: a PNG from a prompt.")
public record ImageInput(
    @NotNull(message = "is required")
    @Text(max = MAX_TEXT)
    @Schema(description = "What to paint.", requiredMode = Schema.RequiredMode.REQUIRED)
    String prompt,

    @WholeNumber(min = MIN_SIZE, max = MAX_SIZE)
    @Schema(description = "256 to 1536, default 512.", defaultValue = "512")
    BigDecimal width,

    @WholeNumber(min = MIN_SIZE, max = MAX_SIZE)
    @Schema(description = "256 to 1536, default 512.", defaultValue = "512")
    BigDecimal height,

    @WholeNumber(min = 0, max = Long.MAX_VALUE) @Schema(format = "int64", description = SEED)
    BigDecimal seed)
    implements GenerationInput {
  public static final String TYPE = GenerationType.Names.IMAGE;
  public static final int MIN_SIZE = 256;
  public static final int MAX_SIZE = 1536;
  public static final int DEFAULT_SIZE = 512;
}
