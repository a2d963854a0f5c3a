package dev.cadenza.workflows.song;

import dev.cadenza.workflows.generation.GenerationOutput;
import dev.cadenza.workflows.storage.StoredAsset;
import java.util.List;

/** A finished song: the text the LLM wrote, the audio and its cover. */
public record SongOutput(
    String title,
    String prompt,
    String lyrics,
    List<String> categories,
    StoredAsset audio,
    StoredAsset cover,
    double guidanceScale,
    long seed)
    implements GenerationOutput {}
