package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/generations/{id}/events} over HTTP on the embedded stack, read line by line as
 * an SSE client reads it. Same context as {@link SongEndToEndTest} (same properties).
 */
class GenerationEventsEndToEndTest extends EmbeddedStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiClient api;
  private final HttpClient http = HttpClient.newHttpClient();

  record Sse(long id, String event, JsonNode data) {}

  record Stream200(int status, String contentType, List<Sse> events, String body) {}

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
  }

  @Test
  void aSongsStreamShowsStepsAndProgressAndEndsWithCompletedAndResumesAfterAnId() throws Exception {
    String key = signUp(100);
    String id =
        create(key, "{\"description\":\"a calm lo-fi song about rain\",\"durationSeconds\":10}");

    Stream200 live = events(key, id, null, e -> {});

    assertThat(live.status()).isEqualTo(200);
    assertThat(live.contentType()).startsWith("text/event-stream");
    List<Sse> events = live.events();
    assertThat(events)
        .extracting(Sse::event)
        .contains("status", "step_started", "progress", "step_completed");
    assertThat(events).extracting(Sse::id).isSorted().doesNotHaveDuplicates();
    assertThat(events)
        .filteredOn(e -> e.event().equals("status"))
        .extracting(e -> e.data().path("status").asText())
        .contains("running");
    Sse last = events.get(events.size() - 1);
    assertThat(last.event()).isEqualTo("completed");
    assertThat(last.data().path("status").asText()).isEqualTo("succeeded");
    assertThat(events).filteredOn(e -> e.event().equals("completed")).hasSize(1);
    for (String step : List.of(
        "reserveCredits",
        "writePrompt",
        "writeLyrics",
        "generateAudio",
        "generateCover",
        "categorize",
        "storeOutputs",
        "captureCredits",
        "publishResult")) {
      int started = indexOf(events, "step_started", step);
      int completed = indexOf(events, "step_completed", step);
      assertThat(started).as(step + " started").isNotNegative();
      assertThat(completed).as(step + " completed").isGreaterThan(started);
    }
    assertThat(events).filteredOn(e -> e.event().equals("progress")).allSatisfy(e -> {
      assertThat(e.data().path("step").asText()).isNotBlank();
      assertThat(e.data().path("percent").asInt()).isBetween(0, 100);
      assertThat(indexOf(events, "step_started", e.data().path("step").asText()))
          .isLessThan(events.indexOf(e));
    });
    JsonNode song = api.get("/v1/generations/" + id, key).body();
    assertThat(song.path("status").asText()).isEqualTo("succeeded");
    // The stream and the generation tell one story: the same steps, none before it runs.
    assertThat(events)
        .filteredOn(e -> e.event().startsWith("step_"))
        .extracting(e -> e.data().path("step").asText())
        .allMatch(step -> song.path("steps").findValuesAsText("name").contains(step));
    assertThat(indexOf(events, "step_started", "reserveCredits"))
        .as("the first step starts after the generation runs")
        .isGreaterThan(events.indexOf(events.stream()
            .filter(e -> e.data().path("status").asText().equals("running"))
            .findFirst()
            .orElseThrow()));

    // A late subscriber gets the same story from the start; a reconnecting one the rest of it.
    assertThat(events(key, id, null, e -> {}).events()).isEqualTo(events);
    int middle = events.size() / 2;
    Stream200 resumed = events(key, id, events.get(middle).id(), e -> {});
    assertThat(resumed.events()).isEqualTo(events.subList(middle + 1, events.size()));
    // One that has the end already is told not to come back.
    assertThat(events(key, id, last.id(), e -> {}).status()).isEqualTo(204);
  }

  @Test
  void aCanceledSongsStreamEndsWithCanceled() throws Exception {
    String key = signUp(100);
    String id = create(key, "{\"description\":\"a long ambient piece\",\"durationSeconds\":60}");

    Stream200 stream = events(key, id, null, e -> {
      if (e.event().equals("step_started")
          && e.data().path("step").asText().equals("writePrompt")) {
        assertThat(api.post("/v1/generations/" + id + "/cancel", key, "").status())
            .isEqualTo(202);
      }
    });

    Sse last = stream.events().get(stream.events().size() - 1);
    assertThat(last.event()).isEqualTo("canceled");
    assertThat(last.data().path("code").asText()).isEqualTo("CANCELED");
    assertThat(stream.events()).extracting(Sse::event).doesNotContain("completed", "failed");
  }

  @Test
  void anotherUsersStreamIsNotFoundAndAStreamNeedsAKey() throws Exception {
    String owner = signUp(100);
    String stranger = signUp(100);
    String id = create(owner, "{\"description\":\"rain\",\"durationSeconds\":10}");

    Stream200 foreign = events(stranger, id, null, e -> {});
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.contentType()).startsWith("application/problem+json");
    assertThat(JSON.readTree(foreign.body()).path("code").asText()).isEqualTo("NOT_FOUND");
    Stream200 anonymous = events(null, id, null, e -> {});
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");

    assertThat(events(owner, id, null, e -> {}).events())
        .last()
        .extracting(Sse::event)
        .isEqualTo("completed");
  }

  /** Reads the whole stream (it ends after the terminal event), calling back on each event. */
  private Stream200 events(String key, String id, Long lastEventId, Consumer<Sse> onEvent)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/v1/generations/" + id + "/events"))
        .header("Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(20));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", Long.toString(lastEventId));
    }
    return CompletableFuture.supplyAsync(() -> read(request.build(), onEvent))
        .get(90, TimeUnit.SECONDS);
  }

  private Stream200 read(HttpRequest request, Consumer<Sse> onEvent) {
    try {
      HttpResponse<Stream<String>> response =
          http.send(request, HttpResponse.BodyHandlers.ofLines());
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (response.statusCode() != 200) {
        try (Stream<String> lines = response.body()) {
          return new Stream200(
              response.statusCode(), type, List.of(), String.join("\n", lines.toList()));
        }
      }
      List<Sse> events = new ArrayList<>();
      try (Stream<String> lines = response.body()) {
        String[] frame = new String[3]; // id, event, data
        lines.forEachOrdered(line -> {
          if (line.isEmpty()) {
            if (frame[1] != null) {
              Sse event = new Sse(Long.parseLong(frame[0]), frame[1], json(frame[2]));
              events.add(event);
              onEvent.accept(event);
            }
            frame[0] = frame[1] = frame[2] = null;
          } else if (line.startsWith("id:")) {
            frame[0] = field(line);
          } else if (line.startsWith("event:")) {
            frame[1] = field(line);
          } else if (line.startsWith("data:")) {
            frame[2] = field(line);
          }
        });
      }
      return new Stream200(200, type, events, null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String field(String line) {
    String value = line.substring(line.indexOf(':') + 1);
    return value.startsWith(" ") ? value.substring(1) : value;
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(text, e);
    }
  }

  private static int indexOf(List<Sse> events, String event, String step) {
    for (int i = 0; i < events.size(); i++) {
      Sse e = events.get(i);
      if (e.event().equals(event) && e.data().path("step").asText().equals(step)) {
        return i;
      }
    }
    return -1;
  }

  private String create(String key, String input) {
    var created = api.post("/v1/generations", key, "{\"type\":\"song\",\"input\":" + input + "}");
    assertThat(created.status()).isEqualTo(201);
    return created.body().path("id").asText();
  }

  private String signUp(long credits) {
    return api.signUp(credits);
  }
}
