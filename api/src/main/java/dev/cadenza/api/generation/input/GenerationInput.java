package dev.cadenza.api.generation.input;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.cadenza.api.validation.ExternallyTyped;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The {@code input} of a generation request, one record per {@code type} of API.md. The request's
 * {@code type} beside it chooses the record ({@code CreateGenerationRequest} carries the Jackson
 * type information); a missing or unknown type is the 422 of {@code type}.
 */
@ExternallyTyped(property = "input")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SongInput.class, name = SongInput.TYPE),
  @JsonSubTypes.Type(value = ImageInput.class, name = ImageInput.TYPE),
  @JsonSubTypes.Type(value = ImageTo3dInput.class, name = ImageTo3dInput.TYPE),
  @JsonSubTypes.Type(value = RenderInput.class, name = RenderInput.TYPE)
})
public sealed interface GenerationInput permits SongInput, ImageInput, ImageTo3dInput, RenderInput {
  /** The longest text of a prompt, lyrics or description. */
  int MAX_TEXT = 3000;

  /** The longest id (of an upload, of an earlier generation) read from an input. */
  int MAX_ID = 64;

  /** What a {@code seed} does, for the OpenAPI document. */
  String SEED = "Fixes the randomness; random if absent.";

  /**
   * The schema of an input. Not this interface's own: swagger-core would compose each subtype of
   * a {@code @JsonSubTypes} type as {@code allOf: [GenerationInput, ...]}, though the request's
   * {@code type} chooses the input and the interface has no fields.
   */
  @Schema(
      name = "GenerationInput",
      description = "The type's input: SongInput, ImageInput, ImageTo3dInput or RenderInput.",
      oneOf = {SongInput.class, ImageInput.class, ImageTo3dInput.class, RenderInput.class})
  interface AnyInput {}
}
