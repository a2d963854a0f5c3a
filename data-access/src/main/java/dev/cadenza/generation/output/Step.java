package dev.cadenza.generation.output;

import io.swagger.v3.oas.annotations.media.Schema;

/** One step of a generation's pipeline. */
@Schema(description = "One step of a generation.")
public record Step(
    @Schema(description = "Step name.", example = "generateAudio")
    String name,

    @Schema(
        allowableValues = {"pending", "running", "succeeded", "failed", "skipped", "canceled"},
        description = "Where the step is.")
    String status,

    @Schema(description = "Attempts so far.") long attempts,

    @Schema(
        types = {"string", "null"},
        format = "date-time",
        description = "RFC 3339, UTC.")
    String startedAt,

    @Schema(
        types = {"string", "null"},
        format = "date-time",
        description = "RFC 3339, UTC.")
    String completedAt) {}
