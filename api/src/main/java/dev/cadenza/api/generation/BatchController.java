package dev.cadenza.api.generation;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.api.idempotency.IdempotencyService;
import dev.cadenza.generation.GenerationResource;
import dev.cadenza.generation.GenerationView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/batches}: up to 8 generations in one request, each its own. */
@RestController
@RequestMapping("/v1/batches")
@Tag(name = "Generations")
public class BatchController {
  private static final SecureRandom IDS = new SecureRandom();

  private final GenerationService generations;
  private final GenerationView views;
  private final IdempotencyService idempotency;

  BatchController(
      GenerationService generations, GenerationView views, IdempotencyService idempotency) {
    this.generations = generations;
    this.views = views;
    this.idempotency = idempotency;
  }

  @Operation(
      operationId = "createBatch",
      summary = "Create a batch of generations",
      description = "1 to 8 generation requests (the bodies of `POST /v1/generations`); each"
          + " becomes its own generation, workflow and hold. A batch the user cannot afford"
          + " entirely is refused whole (402), as is one with an invalid item (422, fields"
          + " `items[i].…`): nothing is created. The two-variant song is a batch of two songs"
          + " with different `guidanceScale`. Supports `Idempotency-Key`.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED) // for the OpenAPI document; the entity sets it too
  @ApiResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = BatchResource.class)))
  @ApiResponse(
      responseCode = "402",
      description = "`INSUFFICIENT_CREDITS`: the caller cannot afford the whole batch.")
  public ResponseEntity<?> create(
      @AuthenticationPrincipal AuthenticatedUser user,
      @Parameter(
              name = IdempotencyService.HEADER,
              description = "Same key and same body within 24 h return the first answer; same"
                  + " key with another body: 409 CONFLICT.")
          @RequestHeader(name = IdempotencyService.HEADER, required = false)
          String idempotencyKey,
      @Valid @RequestBody BatchRequest request) {
    return idempotency.execute(user.id(), idempotencyKey, "POST /v1/batches", request, () -> {
      String id = newId();
      List<GenerationResource> created =
          generations.createBatch(user.id(), id, request.items()).stream()
              .map(item -> views.admitted(item.generation(), item.steps()))
              .toList();
      return ResponseEntity.status(HttpStatus.CREATED).body(new BatchResource(id, created));
    });
  }

  private static String newId() {
    byte[] bytes = new byte[10];
    IDS.nextBytes(bytes);
    return "bat_" + HexFormat.of().formatHex(bytes);
  }
}
