package dev.cadenza.generation;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A generation as API.md shows it. The {@code input} (as accepted), {@code output} and {@code
 * steps} are the stored JSON documents, with signed URLs and attempts filled in by {@link
 * GenerationView}; their schemas are the contract's ({@code openapi/ContractSchemas}).
 */
@Schema(name = "Generation")
public record GenerationResource(
    String id,
    String type,
    String status,
    JsonNode input,
    JsonNode output,
    Failure error,
    long cost,
    boolean published,
    String parentId,
    Progress progress,
    JsonNode steps,
    String createdAt,
    String startedAt,
    String completedAt) {

  /** Why a generation failed or was canceled. */
  @Schema(name = "GenerationError")
  public record Failure(String code, String message) {}

  /** The running step's progress. */
  @Schema(name = "GenerationProgress")
  public record Progress(String step, Integer percent) {}
}
