package dev.cadenza.api.generation.input;

import dev.cadenza.api.validation.Decimal;
import dev.cadenza.api.validation.KnownFieldsOnly;
import dev.cadenza.api.validation.Text;
import dev.cadenza.api.validation.WholeNumber;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * A {@code song} input. Exactly one mode (checked once a remix has filled in its parent's fields,
 * see {@code SongModes}): {@code description}; {@code prompt} with {@code lyrics} or {@code
 * lyricsDescription}; or, for an instrumental, {@code prompt} alone.
 */
@KnownFieldsOnly
@Schema(
    name = "SongInput",
    description = "One mode: `description` (the LLM writes style and lyrics); `prompt` +"
        + " `lyrics`; `prompt` + `lyricsDescription`; or `prompt` with `instrumental: true`."
        + " With `remixOf` the mode fields are optional: the parent's fill them in.")
public record SongInput(
    @Text(max = MAX_TEXT) @Schema(maxLength = MAX_TEXT) String description,
    @Text(max = MAX_TEXT) @Schema(maxLength = MAX_TEXT) String prompt,
    @Text(max = MAX_TEXT) @Schema(maxLength = MAX_TEXT) String lyrics,
    @Text(max = MAX_TEXT) @Schema(maxLength = MAX_TEXT) String lyricsDescription,

    @Schema(description = "No lyrics.", defaultValue = "false")
    Boolean instrumental,

    @WholeNumber(min = 10, max = 240)
    @Schema(type = "integer", minimum = "10", maximum = "240", defaultValue = "30")
    BigDecimal durationSeconds,

    @Decimal(min = "1", max = "20")
    @Schema(type = "number", minimum = "1", maximum = "20", defaultValue = "7.5")
    BigDecimal guidanceScale,

    @WholeNumber(min = 0, max = Long.MAX_VALUE)
    @Schema(type = "integer", format = "int64", minimum = "0", description = "Random if absent.")
    BigDecimal seed,

    @Text(max = MAX_ID)
    @Schema(
        maxLength = MAX_ID,
        description = "An own or published succeeded song to remix: its prompt and lyrics"
            + " unless given, a new seed unless given.")
    String remixOf)
    implements GenerationInput {
  public static final String TYPE = "song";
  public static final int DEFAULT_DURATION = 30;
  public static final double DEFAULT_GUIDANCE = 7.5;

  /** The same input with its parent's fields filled in, without {@code remixOf}. */
  public SongInput with(
      String prompt,
      String lyrics,
      Boolean instrumental,
      BigDecimal durationSeconds,
      BigDecimal guidanceScale) {
    return new SongInput(
        description,
        prompt,
        lyrics,
        lyricsDescription,
        instrumental,
        durationSeconds,
        guidanceScale,
        seed,
        null);
  }

  /** Whether the song has no lyrics ({@code instrumental} defaults to false). */
  public boolean instrumentalSong() {
    return Boolean.TRUE.equals(instrumental);
  }
}
