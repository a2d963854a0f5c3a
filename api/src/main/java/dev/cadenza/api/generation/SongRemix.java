package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.generation.input.SongInput;
import dev.cadenza.generation.Generation;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * A song input with {@code remixOf}: the parent song's fields fill in what the request leaves
 * out, then the result is checked like any song input. What a remix inherits (README, OpenAPI):
 * the style {@code prompt} and the {@code lyrics} as the parent sang them (from its output, so
 * also the ones its LLM wrote), unless the request gives a {@code description} (a new song
 * altogether) or its own prompt / lyrics / {@code lyricsDescription}; {@code instrumental},
 * unless the request gives it or lyrics of its own; {@code durationSeconds} and {@code
 * guidanceScale}, unless given. Never the {@code seed}: a remix gets a new one unless it gives
 * one. Title, categories, audio and cover are made anew.
 */
final class SongRemix {
  static final String FIELD = "remixOf";

  /**
   * @param input the song input to check, without {@code remixOf}
   * @param parentId the song it remixes; null when the request remixes nothing
   */
  record Merged(SongInput input, String parentId) {}

  /**
   * @param songOf the song {@code remixOf} names, if the user may remix it (see {@link
   *     ParentGenerations#song}); throws the 422 otherwise
   */
  static Merged of(SongInput request, Function<String, Generation> songOf) {
    if (request.remixOf() == null) {
      return new Merged(request, null);
    }
    Generation parent = songOf.apply(request.remixOf());
    return new Merged(inherit(request, parent.input(), parent.output()), parent.id());
  }

  private static SongInput inherit(SongInput request, JsonNode parentInput, JsonNode output) {
    boolean ownLyrics = request.lyrics() != null || request.lyricsDescription() != null;
    String prompt = request.prompt();
    String lyrics = request.lyrics();
    Boolean instrumental = request.instrumental();
    if (!ownLyrics && instrumental == null) {
      instrumental = flag(parentInput, "instrumental");
    }
    if (request.description() == null) {
      prompt = prompt != null ? prompt : text(output, "prompt");
      boolean singing = !Boolean.TRUE.equals(instrumental);
      // An instrumental parent's output lyrics are a placeholder, not words to sing.
      if (!ownLyrics && singing && !Boolean.TRUE.equals(flag(parentInput, "instrumental"))) {
        lyrics = text(output, "lyrics");
      }
    }
    return request.with(
        prompt,
        lyrics,
        instrumental,
        request.durationSeconds() != null
            ? request.durationSeconds()
            : number(parentInput, "durationSeconds"),
        request.guidanceScale() != null
            ? request.guidanceScale()
            : number(output, "guidanceScale"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static Boolean flag(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isBoolean() ? value.asBoolean() : null;
  }

  private static BigDecimal number(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isNumber() ? value.decimalValue() : null;
  }

  private SongRemix() {}
}
