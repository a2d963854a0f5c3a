package dev.cadenza.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextCheckingJsonFactoryTest {
  private final ObjectMapper json = new ObjectMapper(new TextCheckingJsonFactory());

  record Item(String type, JsonNode input) {}

  record Batch(List<Item> items) {}

  @Test
  void aNulInANestedTreeIsRefusedWithItsPath() {
    String body = "{\"type\":\"render\",\"input\":{\"timeline\":{\"tracks\":[{\"type\":\"text\","
        + "\"clips\":[{\"text\":\"ok\"},{\"text\":\"a\\u0000b\"}]}]}}}";
    assertThatThrownBy(() -> json.readTree(body))
        .isInstanceOfSatisfying(UnacceptableTextException.class, e -> {
          assertThat(e.problem().field()).isEqualTo("input.timeline.tracks[0].clips[1].text");
          assertThat(e.problem().message())
              .contains("control characters", "character 2 is U+0000", "tab, line feed");
        });
  }

  @Test
  void aLoneSurrogateInARecordIsRefusedWithItsPath() {
    String body = "{\"items\":[{\"type\":\"song\"},{\"type\":\"image\",\"input\":"
        + "{\"prompt\":\"fox \\ud800\"}}]}";
    assertThatThrownBy(() -> json.readValue(body, Batch.class))
        .hasRootCauseInstanceOf(UnacceptableTextException.class)
        .rootCause()
        .satisfies(e -> {
          FieldProblem problem = ((UnacceptableTextException) e).problem();
          assertThat(problem.field()).isEqualTo("items[1].input.prompt");
          assertThat(problem.message()).contains("unpaired surrogate (U+D800)");
        });
  }

  @Test
  void aSurrogateEncodedInUtf8BytesIsNotJsonAlready() {
    // The bytes of U+D800, which no valid UTF-8 contains: Jackson's own decoder refuses them.
    byte[] body =
        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
    assertThatThrownBy(() -> json.readTree(body))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("surrogate");
  }

  @Test
  void aFieldNameIsCheckedToo() {
    assertThatThrownBy(() -> json.readValue(
            "{\"ok\":{\"x\\u0001y\":1}}", new TypeReference<Map<String, Object>>() {}))
        .isInstanceOfSatisfying(
            UnacceptableTextException.class,
            e -> assertThat(e.problem().field()).isEqualTo("ok.x\\u0001y"));
  }

  @Test
  void everythingElseOfUnicodeReadsBackUnchanged() throws Exception {
    String text =
        "tab\tline\nreturn\r emoji \ud83c\udfb5 combining e\u0301 rtl \u05e9\u05dc\u05d5\u05dd"
            + " \u202e bidi \u0085 nel \u007f del \ufeff bom \uffff";
    String body = json.writeValueAsString(Map.of("text", text, "list", List.of(text)));
    JsonNode read = json.readTree(body.getBytes(StandardCharsets.UTF_8));
    assertThat(read.path("text").asText()).isEqualTo(text);
    assertThat(read.path("list").path(0).asText()).isEqualTo(text);
    assertThat(json.readValue(body, Map.class)).containsEntry("text", text);
  }

  @Test
  void aCopyOfTheMapperChecksAsWell() {
    assertThatThrownBy(() -> json.copy().readTree("[\"\\u0000\"]"))
        .isInstanceOfSatisfying(
            UnacceptableTextException.class,
            e -> assertThat(e.problem().field()).isEqualTo("[0]"));
  }
}
