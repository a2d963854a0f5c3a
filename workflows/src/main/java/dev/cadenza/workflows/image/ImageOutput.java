package dev.cadenza.workflows.image;

import dev.cadenza.workflows.generation.GenerationOutput;
import dev.cadenza.workflows.storage.StoredAsset;

/** A finished image: one PNG. */
public record ImageOutput(StoredAsset image) implements GenerationOutput {}
