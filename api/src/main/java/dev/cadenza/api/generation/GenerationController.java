package dev.cadenza.api.generation;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.api.idempotency.IdempotencyService;
import dev.cadenza.api.paging.CursorCodec;
import dev.cadenza.api.paging.CursorPage;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationResource;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Generations of API.md: create, read, list, cancel. A user only ever sees their own. */
@RestController
@Tag(
    name = "Generations",
    description = "Start, follow, list and cancel generations (a user's key).")
@RequestMapping(path = "/v1/generations", produces = MediaType.APPLICATION_JSON_VALUE)
public class GenerationController {
  private final GenerationService generations;
  private final GenerationEndings endings;
  private final GenerationView views;
  private final IdempotencyService idempotency;

  public GenerationController(
      GenerationService generations,
      GenerationEndings endings,
      GenerationView views,
      IdempotencyService idempotency) {
    this.generations = generations;
    this.endings = endings;
    this.views = views;
    this.idempotency = idempotency;
  }

  @Operation(
      operationId = "createGeneration",
      summary = "Start a generation",
      description = "Holds the type's cost and starts the generation; answers 201 with it. With"
          + " `Idempotency-Key`, the same key and body within 24 h return the first answer.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ApiResponse(
      responseCode = "201",
      description = "The generation, queued.",
      content = @Content(schema = @Schema(implementation = GenerationResource.class)))
  @ApiResponse(
      responseCode = "402",
      description = "`INSUFFICIENT_CREDITS`: the caller cannot afford it; nothing is left running.")
  @ApiResponse(
      responseCode = "409",
      description = "`CONFLICT`: the `Idempotency-Key` was used with another body.")
  @ApiResponse(
      responseCode = "429",
      description = "`RATE_LIMITED`: too many requests; retry after `Retry-After`.")
  public ResponseEntity<?> create(
      @AuthenticationPrincipal AuthenticatedUser user,
      @Parameter(
              name = IdempotencyService.HEADER,
              description = "Same key and same body within 24 h return the first answer; same"
                  + " key with another body: 409 CONFLICT.")
          @RequestHeader(name = IdempotencyService.HEADER, required = false)
          String idempotencyKey,
      @Valid @RequestBody CreateGenerationRequest request) {
    return idempotency.execute(user.id(), idempotencyKey, "POST /v1/generations", request, () -> {
      Submitted created = generations.create(user.id(), request);
      return ResponseEntity.created(
              URI.create("/v1/generations/" + created.generation().id()))
          .body(views.admitted(created.generation(), created.steps()));
    });
  }

  @Operation(
      operationId = "getGeneration",
      summary = "Get a generation",
      description =
          "Status, steps, progress and, once succeeded, the output with signed download" + " URLs.")
  @GetMapping("/{id}")
  public GenerationResource get(
      @AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
    return views.detailed(generations.owned(user.id(), id));
  }

  @Operation(
      operationId = "listGenerations",
      summary = "List generations",
      description = "The caller's own generations, newest first, filtered by `type` and `status`,"
          + " paged by `cursor`.")
  @ApiResponse(
      responseCode = "200",
      description = "One page.",
      content = @Content(schema = @Schema(implementation = GenerationResource.Page.class)))
  @GetMapping
  public CursorPage<GenerationResource> list(
      @AuthenticationPrincipal AuthenticatedUser user,
      @Parameter(
              description = "Only generations of this type.",
              schema = @Schema(allowableValues = {"song", "image", "image-to-3d", "render"}))
          @RequestParam(required = false)
          String type,
      @Parameter(
              description = "Only generations in this status.",
              schema =
                  @Schema(
                      allowableValues = {"queued", "running", "succeeded", "failed", "canceled"}))
          @RequestParam(required = false)
          String status,
      @Parameter(description = "Page size, 1 to 100 (default 20).")
          @RequestParam(defaultValue = "20")
          String limit,
      @Parameter(description = "The `nextCursor` of the previous page; absent for the first page.")
          @RequestParam(required = false)
          String cursor) {
    int size = limit(limit);
    List<Generation> page = generations.list(
        user.id(), type(type), status(status), size + 1, CursorCodec.decode(cursor));
    List<Generation> shown = page.subList(0, Math.min(size, page.size()));
    String next =
        page.size() > size ? CursorCodec.encode(shown.get(shown.size() - 1).seq()) : null;
    return new CursorPage<>(shown.stream().map(views::listed).toList(), next);
  }

  @Operation(
      operationId = "cancelGeneration",
      summary = "Cancel a generation",
      description =
          "Asks a running generation to stop (202); its hold is released, nothing is" + " spent.")
  @ApiResponse(responseCode = "202", description = "The generation, being canceled.")
  @ApiResponse(
      responseCode = "409",
      description = "`NOT_CANCELABLE`: the generation has already ended.")
  @PostMapping("/{id}/cancel")
  public ResponseEntity<GenerationResource> cancel(
      @AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(views.detailed(endings.cancel(user.id(), id)));
  }

  private static int limit(String limit) {
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= 100) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ApiException.invalidField("limit", "must be a whole number between 1 and 100");
  }

  private static String type(String type) {
    if (type != null && !GenerationService.TYPES.contains(type)) {
      throw ApiException.invalidField(
          "type", "must be one of " + String.join(", ", GenerationService.TYPES));
    }
    return type;
  }

  private static GenerationStatus status(String status) {
    if (status == null) {
      return null;
    }
    return Arrays.stream(GenerationStatus.values())
        .filter(s -> s.dbValue().equals(status))
        .findFirst()
        .orElseThrow(() -> ApiException.invalidField(
            "status", "must be one of queued, running, succeeded, failed, canceled"));
  }
}
