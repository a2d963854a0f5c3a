package dev.cadenza.api.publication;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.generation.GenerationResource;
import dev.cadenza.generation.GenerationView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Scheduled publication of API.md: a render's publication waiting for its {@code at}. */
@RestController
@Tag(name = "Generations")
public class PublicationController {
  private final PublicationCancellation cancellation;
  private final GenerationView views;

  PublicationController(PublicationCancellation cancellation, GenerationView views) {
    this.cancellation = cancellation;
    this.views = views;
  }

  /** 200 the generation with that publication {@code canceled}; 404 none such; 409 too late. */
  @Operation(
      operationId = "cancelScheduledPublication",
      summary = "Cancel a scheduled publication",
      description = "Calls off the render's `publishTo[index]` target that waits for its `at`: it"
          + " is never sent and shows as `canceled` in `output.publications`. The generation"
          + " stays `succeeded` and charged. Canceling a canceled one again answers the same.")
  @ApiResponse(responseCode = "200", description = "The generation, that publication `canceled`.")
  @ApiResponse(
      responseCode = "404",
      description = "`NOT_FOUND`: no such generation of the caller's, or it has no publication at"
          + " that index.")
  @ApiResponse(
      responseCode = "409",
      description = "`NOT_CANCELABLE`: the publication is not waiting any more (delivered, failed,"
          + " being sent) or was not scheduled.")
  @DeleteMapping(
      path = "/v1/generations/{id}/publications/{index}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public GenerationResource cancel(
      @AuthenticationPrincipal AuthenticatedUser user,
      @PathVariable String id,
      @PathVariable String index) {
    return views.detailed(cancellation.cancel(user.id(), id, index));
  }
}
