package dev.cadenza.workflows.generation;

import java.util.List;

/** A finished generation, ready to be written to the read model. */
public record GenerationResult(
    String generationId, GenerationOutput output, List<StepState> steps) {}
