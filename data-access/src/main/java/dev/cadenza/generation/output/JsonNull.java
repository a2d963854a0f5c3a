package dev.cadenza.generation.output;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * JSON {@code null}, as one choice of an {@code anyOf}: OpenAPI 3.1 has no {@code nullable}, and
 * a {@code $ref} with {@code type: [object, null]} beside it would still refuse null.
 */
@Schema(name = "Null", types = "null", description = "JSON null: not there (yet).")
public interface JsonNull {}
