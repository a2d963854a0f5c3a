package dev.cadenza.api.generation.input;

import dev.cadenza.api.validation.Decimal;
import dev.cadenza.api.validation.KnownFieldsOnly;
import dev.cadenza.api.validation.Text;
import dev.cadenza.api.validation.WholeNumber;
import dev.cadenza.workflows.generation.GenerationType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * A {@code song} input. Exactly one mode (checked once a remix has filled in its parent's fields,
 * see {@code SongModes}): {@code description}; {@code prompt} with {@code lyrics} or {@code
 * lyricsDescription}; or, for an instrumental, {@code prompt} alone.
 */
@KnownFieldsOnly
@Schema(name = "SongInput", description = """
        Input of a `song`, in one of three modes: `description` (the LLM writes the style \
        prompt and the lyrics); `prompt` + `lyrics` (the user's own); `prompt` + \
        `lyricsDescription` (the LLM writes lyrics from the description). Text fields at \
        most 3000 characters. With `remixOf` the mode fields are optional: the parent song \
        gives its `prompt` and `lyrics` (as sung, from its output) unless the request gives \
        a `description` or its own `prompt`, `lyrics` or `lyricsDescription`; its \
        `instrumental` unless the request gives it or lyrics of its own; its \
        `durationSeconds` and `guidanceScale` unless given. The `seed` is new unless given; \
        title, categories, audio and cover are made anew.""")
public record SongInput(
    @Text(max = MAX_TEXT) @Schema(description = "What the song is about.")
    String description,

    @Text(max = MAX_TEXT) @Schema(description = "Style prompt.")
    String prompt,

    @Text(max = MAX_TEXT) @Schema(description = "The user's own lyrics.")
    String lyrics,

    @Text(max = MAX_TEXT) @Schema(description = "What the lyrics should say.")
    String lyricsDescription,

    @Schema(description = "No lyrics.", defaultValue = "false")
    Boolean instrumental,

    @WholeNumber(min = 10, max = 240)
    @Schema(description = "10 to 240, default 30.", defaultValue = "30")
    BigDecimal durationSeconds,

    @Decimal(min = "1", max = "20")
    @Schema(description = "1 to 20, default 7.5.", defaultValue = "7.5")
    BigDecimal guidanceScale,

    @WholeNumber(min = 0, max = Long.MAX_VALUE) @Schema(format = "int64", description = SEED)
    BigDecimal seed,

    @Text(max = MAX_ID)
    @Schema(
        example = "gen_1c9e4b7a20",
        description = "A new song from this one: the id of an own succeeded song, or of"
            + " anyone's published one. Shown as the generation's `parentId`. A song the"
            + " user may not see gets the same 422 as one that does not exist; one not"
            + " succeeded, or not a song: 422.")
    String remixOf)
    implements GenerationInput {
  public static final String TYPE = GenerationType.Names.SONG;
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
