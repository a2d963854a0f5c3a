package dev.cadenza.generation.output;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** Output of a {@code song}. */
@Schema(description = "Output of a `song`.")
public record SongOutput(
    @Schema(description = "The song's title.") String title,

    @Schema(description = "The style prompt the audio was made from.")
    String prompt,

    @Schema(description = "The lyrics sung (empty when instrumental).")
    String lyrics,

    @Schema(description = "Genre and mood tags.") List<String> categories,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        description = "audio/wav, with `durationSeconds`.")
    Asset audio,

    @Schema(requiredMode = RequiredMode.REQUIRED, description = "image/png.")
    Asset cover,

    @Schema(description = "As used.") double guidanceScale,

    @Schema(description = "As used; the same seed and input give the same song.")
    long seed) {}
