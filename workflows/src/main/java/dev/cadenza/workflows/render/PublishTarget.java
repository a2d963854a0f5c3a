package dev.cadenza.workflows.render;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a finished render is sent: {@code platform} {@code webhook} posts it to {@code url}.
 *
 * @param at when to send it, an RFC 3339 UTC instant ({@code Instant.toString()}); null sends it
 *     as soon as the render is stored
 */
public record PublishTarget(
    String platform,
    String url,
    @JsonInclude(JsonInclude.Include.NON_NULL) String at) {

  /** A target sent as soon as the render is stored. */
  public PublishTarget(String platform, String url) {
    this(platform, url, null);
  }

  public boolean scheduled() {
    return at != null;
  }
}
