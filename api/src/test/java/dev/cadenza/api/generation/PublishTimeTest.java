package dev.cadenza.api.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of a {@code publishTo} target's {@code at}, at a fixed now. */
class PublishTimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @CsvSource({
    "2026-12-03T12:00:01Z, 2026-12-03T12:00:01Z",
    "2026-12-03t13:30:00.250z, 2026-12-03T13:30:00.250Z",
    "2026-12-03T14:00:00+01:00, 2026-12-03T13:00:00Z",
    "2027-01-02T12:00:00Z, 2027-01-02T12:00:00Z"
  })
  void aFutureRfc3339TimeWithin30DaysIsKeptAsItsUtcInstant(String at, String kept) {
    InputReader target = target("\"" + at + "\"");

    assertThat(PublishTime.read(target, NOW)).isEqualTo(kept);
    assertThat(target.problems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"2026-12-03T12:00:00Z\"", // now is not ahead
        "\"2026-12-03T11:59:59Z\"",
        "\"2027-01-02T12:00:01Z\"", // 30 days and a second
        "\"2026-12-03T13:00Z\"",
        "\"2026-12-03T13:00:00\"",
        "\"2026-12-03 13:00:00Z\"",
        "\"2026-13-03T13:00:00Z\"",
        "\"2026-12-03T25:00:00Z\"",
        "\"soon\"",
        "\"\"",
        "12345",
        "[]"
      })
  void anythingElseIsAProblemNamingTheField(String at) {
    InputReader target = target(at);

    assertThat(PublishTime.read(target, NOW)).isNull();
    assertThat(target.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("input.publishTo[0].at"));
  }

  private static InputReader target(String at) {
    try {
      return new InputReader(
          JSON.readTree("{\"at\":" + at + "}"),
          "input.publishTo[0]",
          Set.of("platform", "url", "at"));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
