package dev.cadenza.api.generation;

import dev.cadenza.api.auth.ApiKeyAuthentication;
import dev.cadenza.api.idempotency.IdempotencyService;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationResource;
import dev.cadenza.generation.GenerationView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any user's generation as operators see it, and its retry (admin key only). */
@RestController
@Tag(name = "Admin")
@RequestMapping(path = "/v1/admin/generations", produces = MediaType.APPLICATION_JSON_VALUE)
public class AdminGenerationController {
  private final GenerationRetry retries;
  private final GenerationView views;
  private final IdempotencyService idempotency;

  public AdminGenerationController(
      GenerationRetry retries, GenerationView views, IdempotencyService idempotency) {
    this.retries = retries;
    this.views = views;
    this.idempotency = idempotency;
  }

  @Operation(
      operationId = "adminGetGeneration",
      summary = "Get any generation",
      description = "The generation as its owner sees it, plus `userId`.")
  @ApiResponse(
      responseCode = "200",
      description = "The generation.",
      content = @Content(schema = @Schema(implementation = GenerationResource.class)))
  @GetMapping("/{id}")
  public AdminGenerationResource get(
      @Parameter(description = "The generation's id.") @PathVariable String id) {
    return view(retries.find(id));
  }

  @Operation(
      operationId = "retryGeneration",
      summary = "Retry a generation",
      description = "Starts a failed or canceled generation again as a new generation (new id,"
          + " new hold) of the same user, type, input and webhook (with its event filter); answers"
          + " 201 with it. The user pays for"
          + " it as for any generation. A render's `publishTo` target whose `at` has passed is"
          + " sent as soon as the retried render is stored (the new input shows it without"
          + " `at`). With `Idempotency-Key`, a repeated request returns the first answer instead"
          + " of starting another.")
  @PostMapping("/{id}/retry")
  @ApiResponse(
      responseCode = "201",
      description = "The new generation, queued.",
      content = @Content(schema = @Schema(implementation = GenerationResource.class)))
  @ApiResponse(
      responseCode = "400",
      description = "`VALIDATION_FAILED`: a malformed `Idempotency-Key`.")
  @ApiResponse(
      responseCode = "402",
      description = "`INSUFFICIENT_CREDITS`: the user cannot afford it; nothing is left running.")
  @ApiResponse(
      responseCode = "409",
      description = "`NOT_RETRYABLE` (it has not failed or been canceled, or its input no longer"
          + " passes the checks of a new request, e.g. a remix whose parent was unpublished"
          + " since: `errors` names the field; nothing is created), `CONFLICT` (the"
          + " `Idempotency-Key` is in use).")
  public ResponseEntity<?> retry(
      @Parameter(description = "The failed or canceled generation's id.") @PathVariable String id,
      @Parameter(
              name = IdempotencyService.HEADER,
              description = "Same key and same body within 24 h return the first answer; same"
                  + " key with another body: 409 CONFLICT.")
          @RequestHeader(name = IdempotencyService.HEADER, required = false)
          String idempotencyKey) {
    String endpoint = "POST /v1/admin/generations/" + id + "/retry";
    return idempotency.execute(
        ApiKeyAuthentication.ADMIN, idempotencyKey, endpoint, Map.of(), () -> {
          Generation retried = retries.retry(id);
          return ResponseEntity.created(URI.create("/v1/admin/generations/" + retried.id()))
              .body(view(retried));
        });
  }

  private AdminGenerationResource view(Generation generation) {
    return new AdminGenerationResource(views.detailed(generation), generation.userId());
  }
}
