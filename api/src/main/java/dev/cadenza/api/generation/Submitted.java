package dev.cadenza.api.generation;

import dev.cadenza.generation.Generation;
import dev.cadenza.workflows.generation.StepState;
import java.util.List;

/**
 * A generation just admitted, with its steps as its workflow answered the {@code reserve} update;
 * {@code steps} is null when the workflow gave none (a batch's items), and the view then asks.
 */
public record Submitted(Generation generation, List<StepState> steps) {}
