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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ApiResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = GenerationResource.class)))
  public ResponseEntity<?> create(
      @AuthenticationPrincipal AuthenticatedUser user,
      @RequestHeader(name = IdempotencyService.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody CreateGenerationRequest request) {
    return idempotency.execute(user.id(), idempotencyKey, "POST /v1/generations", request, () -> {
      Generation created = generations.create(user.id(), request);
      return ResponseEntity.created(URI.create("/v1/generations/" + created.id()))
          .body(views.detailed(created));
    });
  }

  @GetMapping("/{id}")
  public GenerationResource get(
      @AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
    return views.detailed(generations.owned(user.id(), id));
  }

  @GetMapping
  public CursorPage<GenerationResource> list(
      @AuthenticationPrincipal AuthenticatedUser user,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "20") String limit,
      @RequestParam(required = false) String cursor) {
    int size = limit(limit);
    List<Generation> page = generations.list(
        user.id(), type(type), status(status), size + 1, CursorCodec.decode(cursor));
    List<Generation> shown = page.subList(0, Math.min(size, page.size()));
    String next =
        page.size() > size ? CursorCodec.encode(shown.get(shown.size() - 1).seq()) : null;
    return new CursorPage<>(shown.stream().map(views::listed).toList(), next);
  }

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
