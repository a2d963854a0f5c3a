package dev.cadenza.api.generation;

import dev.cadenza.generation.GenerationResource;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Answer of {@code POST /v1/batches}: the batch's id and its generations, in request order. */
@Schema(name = "Batch")
public record BatchResource(String id, List<GenerationResource> generations) {}
