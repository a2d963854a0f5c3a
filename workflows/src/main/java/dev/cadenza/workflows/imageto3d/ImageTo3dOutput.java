package dev.cadenza.workflows.imageto3d;

import dev.cadenza.workflows.generation.GenerationOutput;
import dev.cadenza.workflows.storage.StoredAsset;

/** The picture the model was made from, and the model ({@code model/gltf-binary}). */
public record ImageTo3dOutput(StoredAsset image, StoredAsset model) implements GenerationOutput {}
