package dev.cadenza.api.events;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.api.generation.GenerationService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /v1/generations/{id}/events}: the generation's events as Server-Sent Events, from
 * after {@code Last-Event-ID} to the terminal event. A client that already has the terminal
 * event gets 204, which tells an {@code EventSource} to stop reconnecting.
 */
@RestController
@Tag(name = "Generations")
public class GenerationEventController {
  static final String LAST_EVENT_ID = "Last-Event-ID";

  private final GenerationService generations;
  private final EventStreams streams;

  public GenerationEventController(GenerationService generations, EventStreams streams) {
    this.generations = generations;
    this.streams = streams;
  }

  @Operation(
      operationId = "followGeneration",
      summary = "Follow a generation",
      description = "Server-sent events: `status`, `step_started`, `progress`, `step_completed`,"
          + " `completed`, `failed`, `canceled`. Supports `Last-Event-ID`; the stream ends after"
          + " the terminal event.")
  @ApiResponse(
      responseCode = "200",
      description = "Events; `data` is JSON (`progress`: `{\"step\", \"percent\"}`).",
      content =
          @Content(
              mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
              schema = @Schema(type = "string", description = "The event stream.")))
  @GetMapping(path = "/v1/generations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public ResponseEntity<SseEmitter> events(
      @AuthenticationPrincipal AuthenticatedUser user,
      @PathVariable String id,
      @Parameter(description = "Resume after this event id.")
          @RequestHeader(name = LAST_EVENT_ID, required = false)
          String lastEventId) {
    return streams
        .open(generations.owned(user.id(), id), lastEventId(lastEventId))
        // Proxies such as nginx would otherwise buffer the stream.
        .map(emitter -> ResponseEntity.ok().header("X-Accel-Buffering", "no").body(emitter))
        .orElseGet(() -> ResponseEntity.noContent().build());
  }

  /** Our ids are row ids; anything else (a foreign or garbled id) replays from the start. */
  private static long lastEventId(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
