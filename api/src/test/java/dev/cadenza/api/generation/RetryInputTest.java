package dev.cadenza.api.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What an operator's retry runs with: a render's past {@code at} goes, nothing else changes. */
class RetryInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

  @Test
  void aRendersTargetsWhoseTimeHasPassedLoseTheirAtTheOthersKeepIt() throws Exception {
    JsonNode input = JSON.readTree("""
        {"timeline": {"width": 64},
         "publishTo": [{"platform": "webhook", "url": "https://a.example", "at": "2026-12-03T05:00:00Z"},
                       {"platform": "webhook", "url": "https://b.example", "at": "2026-12-03T06:00:01Z"},
                       {"platform": "webhook", "url": "https://c.example", "at": "2026-12-03T07:00:00Z"},
                       {"platform": "webhook", "url": "https://d.example"}]}""");

    JsonNode retried = RetryInput.of("render", input, NOW);

    JsonNode targets = retried.path("publishTo");
    assertThat(targets.get(0).has("at")).as("passed").isFalse();
    assertThat(targets.get(1).has("at"))
        .as("within the margin: passed by the time it is parsed")
        .isFalse();
    assertThat(targets.get(2).path("at").asText()).isEqualTo("2026-12-03T07:00:00Z");
    assertThat(targets.get(3).has("at")).isFalse();
    assertThat(targets.get(0).path("url").asText()).isEqualTo("https://a.example");
    assertThat(retried.path("timeline")).isEqualTo(input.path("timeline"));
    assertThat(input.path("publishTo").get(0).path("at").asText())
        .as("the original generation's input is not touched")
        .isEqualTo("2026-12-03T05:00:00Z");
  }

  @Test
  void otherTypesAndTimesThisServiceDidNotWriteAreLeftToTheCreatePath() throws Exception {
    JsonNode song = JSON.readTree("{\"publishTo\":[{\"at\":\"2020-01-01T00:00:00Z\"}]}");
    assertThat(RetryInput.of("song", song, NOW)).isSameAs(song);
    JsonNode odd = JSON.readTree("{\"publishTo\":[{\"at\":\"yesterday\"},{\"at\":5}]}");
    assertThat(RetryInput.of("render", odd, NOW)).isEqualTo(odd);
    JsonNode none = JSON.readTree("{\"timeline\":{}}");
    assertThat(RetryInput.of("render", none, NOW)).isEqualTo(none);
    assertThat(RetryInput.of("render", null, NOW)).isNull();
  }
}
