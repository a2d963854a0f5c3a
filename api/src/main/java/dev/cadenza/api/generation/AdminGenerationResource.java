package dev.cadenza.api.generation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.cadenza.generation.GenerationResource;

/** A generation as operators see it: as its owner does, plus whose it is. */
public record AdminGenerationResource(
    @JsonUnwrapped GenerationResource generation, String userId) {}
