package dev.cadenza.workflows.generation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.cadenza.workflows.image.ImageOutput;
import dev.cadenza.workflows.imageto3d.ImageTo3dOutput;
import dev.cadenza.workflows.render.RenderOutput;
import dev.cadenza.workflows.song.SongOutput;

/**
 * The result of a generation, one record per type. Assets inside are {@code StoredAsset}s
 * (storage keys); the API turns them into signed URLs when it shows them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SongOutput.class, name = GenerationType.Names.SONG),
  @JsonSubTypes.Type(value = ImageOutput.class, name = GenerationType.Names.IMAGE),
  @JsonSubTypes.Type(value = ImageTo3dOutput.class, name = GenerationType.Names.IMAGE_TO_3D),
  @JsonSubTypes.Type(value = RenderOutput.class, name = GenerationType.Names.RENDER)
})
public interface GenerationOutput {}
