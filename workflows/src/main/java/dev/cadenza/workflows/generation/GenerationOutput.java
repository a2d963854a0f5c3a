package dev.cadenza.workflows.generation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.cadenza.workflows.song.SongOutput;

/**
 * The result of a generation, one record per type. Assets inside are {@code StoredAsset}s
 * (storage keys); the API turns them into signed URLs when it shows them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = SongOutput.class, name = "song")})
public interface GenerationOutput {}
