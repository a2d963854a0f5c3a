package dev.cadenza.api.publishing;

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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A user publishes their own succeeded generation to the public feed, or takes it back. */
@RestController
@Tag(name = "Generations")
@RequestMapping(path = "/v1/generations/{id}/publish", produces = MediaType.APPLICATION_JSON_VALUE)
public class PublishingController {
  private final PublishingService publishing;
  private final GenerationView views;

  public PublishingController(PublishingService publishing, GenerationView views) {
    this.publishing = publishing;
    this.views = views;
  }

  @Operation(
      operationId = "publishGeneration",
      summary = "Publish a generation",
      description = "Shows a succeeded generation in the public feed, newest published first;"
          + " its files get public URLs that need no key (the generation's asset `url`s become"
          + " them). Publishing a published generation changes nothing.")
  @ApiResponse(responseCode = "200", description = "The generation, `published`.")
  @ApiResponse(
      responseCode = "409",
      description = "`NOT_PUBLISHABLE`: only succeeded generations can be published.")
  @PostMapping
  public GenerationResource publish(
      @AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
    return views.detailed(publishing.publish(user.id(), id));
  }

  @Operation(
      operationId = "unpublishGeneration",
      summary = "Unpublish a generation",
      description = "Removes the generation from the public feed; its public URLs answer 404 from"
          + " now on and its asset `url`s are signed URLs again. Unpublishing an unpublished"
          + " generation changes nothing.")
  @ApiResponse(responseCode = "200", description = "The generation, not `published`.")
  @ApiResponse(
      responseCode = "409",
      description = "`NOT_PUBLISHABLE`: only succeeded generations can be published.")
  @DeleteMapping
  public GenerationResource unpublish(
      @AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
    return views.detailed(publishing.unpublish(user.id(), id));
  }
}
