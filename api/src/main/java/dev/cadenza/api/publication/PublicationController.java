package dev.cadenza.api.publication;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.generation.GenerationResource;
import dev.cadenza.generation.GenerationView;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Scheduled publication of API.md: a render's publication waiting for its {@code at}. */
@RestController
public class PublicationController {
  private final PublicationCancellation cancellation;
  private final GenerationView views;

  PublicationController(PublicationCancellation cancellation, GenerationView views) {
    this.cancellation = cancellation;
    this.views = views;
  }

  /** 200 the generation with that publication {@code canceled}; 404 none such; 409 too late. */
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
