package dev.cadenza.api.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.api.generation.input.SongInput;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a remix takes from its parent song and what the request replaces (README table). */
class SongRemixTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper SHOWN =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private static final Generation PARENT = song(
      "{\"description\":\"rain\",\"instrumental\":false,\"durationSeconds\":20,"
          + "\"guidanceScale\":9.0,\"seed\":5}",
      "{\"prompt\":\"lo-fi, calm\",\"lyrics\":\"[Verse] rain\",\"guidanceScale\":9.0,\"seed\":5}");
  private static final Generation INSTRUMENTAL = song(
      "{\"prompt\":\"piano\",\"instrumental\":true,\"durationSeconds\":12,\"guidanceScale\":7.5}",
      "{\"prompt\":\"piano\",\"lyrics\":\"[instrumental]\",\"guidanceScale\":7.5,\"seed\":1}");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // request | what the song input becomes
        "{}|{\"prompt\":\"lo-fi, calm\",\"instrumental\":false,\"lyrics\":\"[Verse] rain\",\"durationSeconds\":20,\"guidanceScale\":9.0}",
        "{\"prompt\":\"metal\"}|{\"prompt\":\"metal\",\"instrumental\":false,\"lyrics\":\"[Verse] rain\",\"durationSeconds\":20,\"guidanceScale\":9.0}",
        "{\"lyrics\":\"new\"}|{\"lyrics\":\"new\",\"prompt\":\"lo-fi, calm\",\"durationSeconds\":20,\"guidanceScale\":9.0}",
        "{\"lyricsDescription\":\"sea\"}|{\"lyricsDescription\":\"sea\",\"prompt\":\"lo-fi, calm\",\"durationSeconds\":20,\"guidanceScale\":9.0}",
        "{\"instrumental\":true}|{\"instrumental\":true,\"prompt\":\"lo-fi, calm\",\"durationSeconds\":20,\"guidanceScale\":9.0}",
        "{\"description\":\"snow\"}|{\"description\":\"snow\",\"instrumental\":false,\"durationSeconds\":20,\"guidanceScale\":9.0}",
        "{\"durationSeconds\":60,\"guidanceScale\":3,\"seed\":8}|{\"durationSeconds\":60,\"guidanceScale\":3,\"seed\":8,\"prompt\":\"lo-fi, calm\",\"instrumental\":false,\"lyrics\":\"[Verse] rain\"}"
      })
  void theParentFillsInWhatTheRequestLeavesOut(String request, String expected) throws Exception {
    SongRemix.Merged merged = SongRemix.of(withRemix(request), id -> PARENT);

    assertThat(merged.parentId()).isEqualTo("gen_parent");
    assertThat(json(merged.input())).isEqualTo(JSON.readTree(expected));
    assertThat(merged.input().seed() != null && !request.contains("seed"))
        .as("never the parent's seed")
        .isFalse();
  }

  @Test
  void anInstrumentalParentGivesNoLyricsToSing() throws Exception {
    assertThat(json(SongRemix.of(withRemix("{}"), id -> INSTRUMENTAL).input()))
        .isEqualTo(
            JSON.readTree("{\"prompt\":\"piano\",\"instrumental\":true,\"durationSeconds\":12,"
                + "\"guidanceScale\":7.5}"));
    assertThat(SongRemix.of(withRemix("{\"instrumental\":false}"), id -> INSTRUMENTAL)
            .input()
            .lyrics())
        .isNull();
  }

  @Test
  void withoutRemixOfTheInputIsUntouched() throws Exception {
    SongInput input = JSON.readValue("{\"description\":\"rain\"}", SongInput.class);
    SongRemix.Merged merged = SongRemix.of(input, id -> {
      throw new AssertionError("no parent to look up");
    });
    assertThat(merged.input()).isSameAs(input);
    assertThat(merged.parentId()).isNull();
    SongInput noParent =
        JSON.readValue("{\"remixOf\":null,\"description\":\"x\"}", SongInput.class);
    assertThat(json(SongRemix.of(noParent, id -> null).input()))
        .isEqualTo(JSON.readTree("{\"description\":\"x\"}"));
  }

  private static SongInput withRemix(String request) throws Exception {
    var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(request);
    node.put("remixOf", "gen_parent");
    return JSON.treeToValue(node, SongInput.class);
  }

  /** The input as the stored JSON shows it: fields given, numbers as written. */
  private static JsonNode json(SongInput input) throws Exception {
    return JSON.readTree(SHOWN.writeValueAsString(input));
  }

  private static Generation song(String input, String output) {
    try {
      Instant at = Instant.parse("2026-01-01T00:00:00Z");
      return new Generation(
          "gen_parent",
          1,
          "usr_1",
          "song",
          GenerationStatus.SUCCEEDED,
          "song-gen_parent",
          JSON.readTree(input),
          JSON.readTree(output),
          null,
          null,
          10,
          true,
          JSON.createArrayNode(),
          null,
          null,
          null,
          at,
          at,
          at,
          null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
