package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.e2e.EmbeddedStackTest;
import dev.cadenza.api.hardening.StackClient.Answer;
import dev.cadenza.api.hardening.StackClient.SignedUp;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.spring.JqwikSpringSupport;

/**
 * Issue 13's class of bug, by generator: text from the whole of Unicode ({@link HostileText}) in
 * every text field of the generation endpoints, over HTTP against the embedded stack. Every answer
 * is a success or a 4xx problem, never a 5xx; text with a C0 control (tab and newlines excepted)
 * or a lone surrogate is 422 naming its field; accepted text reads back exactly as sent. Accepted
 * generations are canceled at once so they leave nothing running.
 *
 * <p>The text fields of the account endpoints are in {@link AccountTextPropertyTest}.
 */
@JqwikSpringSupport
class TextFieldsPropertyTest extends EmbeddedStackTest {
  private static final int TRIES = 20;

  private TextProbe probe;
  private SignedUp user;

  @Provide
  Arbitrary<String> text() {
    return HostileText.arbitrary();
  }

  @Property(tries = TRIES)
  void imagePrompt(@ForAll("text") String text) {
    generation(
        "{\"type\":\"image\",\"input\":{\"prompt\":" + HostileText.json(text) + "}}",
        "input.prompt",
        text,
        view -> view.path("input").path("prompt"));
  }

  @Property(tries = TRIES)
  void songTexts(@ForAll("text") String text, @ForAll("songFields") String field) {
    String value = HostileText.json(text);
    String input = switch (field) {
      case "description" -> "{\"description\":" + value + "}";
      case "prompt" -> "{\"prompt\":" + value + ",\"instrumental\":true}";
      default -> "{\"prompt\":\"jazz\",\"" + field + "\":" + value + "}";
    };
    generation(
        "{\"type\":\"song\",\"input\":" + input + "}",
        "input." + field,
        text,
        view -> view.path("input").path(field));
  }

  @Provide
  Arbitrary<String> songFields() {
    return Arbitraries.of("description", "prompt", "lyrics", "lyricsDescription");
  }

  @Property(tries = TRIES)
  void imageTo3dPromptAndStyle(@ForAll("text") String text, @ForAll boolean style) {
    String field = style ? "style" : "prompt";
    String input = style
        ? "{\"prompt\":\"owl\",\"style\":" + HostileText.json(text) + "}"
        : "{\"prompt\":" + HostileText.json(text) + "}";
    generation(
        "{\"type\":\"image-to-3d\",\"input\":" + input + "}",
        "input." + field,
        text,
        view -> view.path("input").path(field));
  }

  @Property(tries = TRIES)
  void renderTextClip(@ForAll("text") String text) {
    generation(
        "{\"type\":\"render\",\"input\":{\"timeline\":{\"width\":320,\"height\":240,\"fps\":12,"
            + "\"durationSeconds\":1,\"tracks\":[{\"type\":\"text\",\"clips\":[{\"start\":0,"
            + "\"duration\":1,\"text\":" + HostileText.json(text) + "}]}]}}}",
        "input.timeline.tracks[0].clips[0].text",
        text,
        view -> view.path("input")
            .path("timeline")
            .path("tracks")
            .path(0)
            .path("clips")
            .path(0)
            .path("text"));
  }

  @Property(tries = TRIES)
  void batchItem(@ForAll("text") String text) {
    Answer answer = probe()
        .post(
            "/v1/batches",
            user.key(),
            "{\"items\":[{\"type\":\"image\",\"input\":{\"prompt\":\"owl\"}},{\"type\":\"image\","
                + "\"input\":{\"prompt\":" + HostileText.json(text) + "}}]}");
    if (probe.judge(answer, text, "items[1].input.prompt")) {
      JsonNode second = answer.json().path("generations").path(1);
      for (JsonNode created : answer.json().path("generations")) {
        probe.cancel(user.key(), created.path("id").asText());
      }
      JsonNode stored = probe.get("/v1/generations/" + second.path("id").asText(), user.key());
      assertThat(stored.path("input").path("prompt").asText()).isEqualTo(text);
    }
  }

  /** Fields that take a value from a short list or a URL: refused, never a server error. */
  @Property(tries = TRIES)
  void typeWebhookAndEvents(@ForAll("text") String text, @ForAll("refusedFields") String field) {
    String value = HostileText.json(text);
    String body = switch (field) {
      case "type" -> "{\"type\":" + value + ",\"input\":{\"prompt\":\"fox\"}}";
      // A link-local address: refused even where the tests allow 127.0.0.0/8, so never stored.
      case "webhook" ->
        "{\"type\":\"image\",\"input\":{\"prompt\":\"fox\"},\"webhook\":"
            + HostileText.json("http://169.254.169.254/" + text) + "}";
      default ->
        "{\"type\":\"image\",\"input\":{\"prompt\":\"fox\"},\"webhookEvents\":[" + value + "]}";
    };
    Answer answer = probe().post("/v1/generations", user.key(), body);
    String path = field.equals("webhookEvents") ? "webhookEvents[0]" : field;
    if (probe.judge(answer, text, path)) {
      // A type or event name that exists, drawn by chance.
      probe.cancel(user.key(), answer.json().path("id").asText());
    }
  }

  @Provide
  Arbitrary<String> refusedFields() {
    return Arbitraries.of("type", "webhook", "webhookEvents");
  }

  /** Query parameters, path variables and the Idempotency-Key header that reach SQL. */
  @Property(tries = TRIES)
  void parametersPathsAndHeaders(@ForAll("text") String text) {
    probe().parameters(user.key(), text);
  }

  private void generation(
      String body, String field, String text, Function<JsonNode, JsonNode> readBack) {
    Answer answer = probe().post("/v1/generations", user.key(), body);
    if (probe.judge(answer, text, field)) {
      String id = answer.json().path("id").asText();
      probe.cancel(user.key(), id);
      JsonNode stored = probe.get("/v1/generations/" + id, user.key());
      assertThat(readBack.apply(stored).asText()).as("%s read back", field).isEqualTo(text);
    }
  }

  private TextProbe probe() {
    if (probe == null) {
      probe = new TextProbe(new StackClient(port));
      user = probe.signUp(1_000_000);
    }
    return probe;
  }
}
