package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.generation.Generation;
import java.util.List;
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
  record Merged(JsonNode input, String parentId) {}

  /**
   * @param songOf the song {@code remixOf} names, if the user may remix it (see {@link
   *     ParentGenerations#song}); throws the 422 otherwise
   */
  static Merged of(JsonNode input, Function<String, Generation> songOf) {
    if (!(input instanceof ObjectNode request) || !request.has(FIELD)) {
      return new Merged(input, null);
    }
    ObjectNode merged = request.deepCopy();
    JsonNode id = merged.remove(FIELD);
    if (id.isNull()) {
      return new Merged(merged, null);
    }
    if (!id.isTextual()
        || id.asText().isBlank()
        || id.asText().length() > ParentGenerations.MAX_ID) {
      throw new InvalidInputException(
          List.of(new FieldProblem("input." + FIELD, "must be a generation id (a string)")));
    }
    Generation parent = songOf.apply(id.asText());
    inherit(merged, parent.input(), parent.output());
    return new Merged(merged, parent.id());
  }

  private static void inherit(ObjectNode merged, JsonNode parentInput, JsonNode parentOutput) {
    boolean ownLyrics = given(merged, "lyrics") || given(merged, "lyricsDescription");
    if (!given(merged, "description")) {
      copyIfAbsent(merged, "prompt", parentOutput);
      if (!ownLyrics) {
        copyIfAbsent(merged, "instrumental", parentInput);
      }
      boolean instrumental = merged.path("instrumental").asBoolean(false);
      // An instrumental parent's output lyrics are a placeholder, not words to sing.
      if (!ownLyrics && !instrumental && !parentInput.path("instrumental").asBoolean(false)) {
        copyIfAbsent(merged, "lyrics", parentOutput);
      }
    } else if (!ownLyrics) {
      copyIfAbsent(merged, "instrumental", parentInput);
    }
    copyIfAbsent(merged, "durationSeconds", parentInput);
    copyIfAbsent(merged, "guidanceScale", parentOutput);
  }

  private static boolean given(JsonNode node, String field) {
    return node.hasNonNull(field);
  }

  private static void copyIfAbsent(ObjectNode merged, String field, JsonNode from) {
    JsonNode value = from == null ? null : from.get(field);
    if (!given(merged, field) && value != null && !value.isNull()) {
      merged.set(field, value.deepCopy());
    }
  }

  private SongRemix() {}
}
