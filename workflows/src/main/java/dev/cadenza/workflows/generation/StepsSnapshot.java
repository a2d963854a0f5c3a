package dev.cadenza.workflows.generation;

import java.util.List;

/** The answer to the {@code steps} query: every step of the generation, in order. */
public record StepsSnapshot(List<StepState> steps) {}
