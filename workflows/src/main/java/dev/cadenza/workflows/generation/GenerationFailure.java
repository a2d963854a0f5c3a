package dev.cadenza.workflows.generation;

import java.util.List;

/** A generation that ended without a result: failed, or canceled by its owner. */
public record GenerationFailure(
    String generationId, boolean canceled, String code, String message, List<StepState> steps) {}
