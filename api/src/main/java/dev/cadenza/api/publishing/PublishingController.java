package dev.cadenza.api.publishing;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.generation.GenerationResource;
import dev.cadenza.generation.GenerationView;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A user publishes their own succeeded generation to the public feed, or takes it back. */
@RestController
@RequestMapping(path = "/v1/generations/{id}/publish", produces = MediaType.APPLICATION_JSON_VALUE)
public class PublishingController {
  private final PublishingService publishing;
  private final GenerationView views;

  public PublishingController(PublishingService publishing, GenerationView views) {
    this.publishing = publishing;
    this.views = views;
  }

  @PostMapping
  public GenerationResource publish(
      @AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
    return views.detailed(publishing.publish(user.id(), id));
  }

  @DeleteMapping
  public GenerationResource unpublish(
      @AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
    return views.detailed(publishing.unpublish(user.id(), id));
  }
}
