package dev.cadenza.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.generation.output.JsonNull;
import dev.cadenza.generation.output.Outputs;
import dev.cadenza.generation.output.Step;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * A generation as API.md shows it. The {@code input} (as accepted), {@code output} and {@code
 * steps} are the stored JSON documents, with signed URLs and attempts filled in by {@link
 * GenerationView}; their schemas are the records of {@code generation.output}.
 */
@Schema(
    name = "Generation",
    description = "A generation: its input, status, steps and, once succeeded, its output.")
public record GenerationResource(
    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        description = "Opaque id.",
        example = "gen_7f3a9c2e1b")
    String id,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        allowableValues = {"song", "image", "image-to-3d", "render"},
        description = "What is generated.")
    String type,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        allowableValues = {"queued", "running", "succeeded", "failed", "canceled"},
        description = "Where it is.")
    String status,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        implementation = Object.class,
        types = "object",
        description = "The input as accepted (normalized).")
    JsonNode input,

    @Schema(implementation = Outputs.AnyOrNull.class) JsonNode output,

    @Schema(implementation = FailureOrNull.class) Failure error,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        description = "Credits held while it runs and spent if it succeeds.")
    long cost,

    @Schema(requiredMode = RequiredMode.REQUIRED, description = "Shown in the public feed.")
    boolean published,

    @Schema(
        types = {"string", "null"},
        description = "The earlier generation it was built on (image-to-3d `imageFrom`, song"
            + " `remixOf`); null when none.",
        example = "gen_1c9e4b7a20")
    String parentId,

    @Schema(implementation = ProgressOrNull.class) Progress progress,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        implementation = Step[].class,
        description = "Each step of the pipeline.")
    JsonNode steps,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        format = "date-time",
        description = "RFC 3339, UTC.")
    String createdAt,

    @Schema(
        types = {"string", "null"},
        format = "date-time",
        description = "RFC 3339, UTC.")
    String startedAt,

    @Schema(
        types = {"string", "null"},
        format = "date-time",
        description = "RFC 3339, UTC.")
    String completedAt) {

  /** Why a generation failed or was canceled. */
  @Schema(name = "GenerationError")
  public record Failure(
      @Schema(description = "Stable code, e.g. CANCELED, INTERRUPTED.")
      String code,

      @Schema(description = "For a human.") String message) {}

  /** {@code error}'s schema: 3.1 has no {@code nullable}; a {@code $ref} cannot be null. */
  @Schema(
      anyOf = {Failure.class, JsonNull.class},
      description = "Why it failed or was canceled; null otherwise.")
  interface FailureOrNull {}

  /** {@code progress}'s schema, as {@link FailureOrNull}. */
  @Schema(
      anyOf = {Progress.class, JsonNull.class},
      description = "The running step's progress.")
  interface ProgressOrNull {}

  /** The running step's progress. */
  @Schema(name = "GenerationProgress")
  public record Progress(
      @Schema(description = "Step name.", example = "generateAudio")
      String step,

      @Schema(description = "0 to 100.") Integer percent) {}

  /** The schema of a page of {@code GET /v1/generations} ({@code CursorPage} is generic). */
  @Schema(name = "GenerationPage", description = "One page of generations, newest first.")
  public record Page(
      @Schema(requiredMode = RequiredMode.REQUIRED) List<GenerationResource> data,

      @Schema(
          types = {"string", "null"},
          description = "Pass as `cursor` for the next page; null on the last page.")
      String nextCursor) {}
}
