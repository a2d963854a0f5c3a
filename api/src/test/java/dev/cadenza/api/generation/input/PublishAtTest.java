package dev.cadenza.api.generation.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of a {@code publishTo} target's {@code at}, at a fixed now. */
class PublishAtTest {
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
    assertThat(PublishAt.Times.problem(at, NOW)).isNull();
    assertThat(PublishAt.Times.instant(at)).isEqualTo(kept);
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
        "\"\""
      })
  void anythingElseIsAProblemSayingTheRule(String at) {
    String text = at.substring(1, at.length() - 1);

    assertThat(PublishAt.Times.problem(text, NOW))
        .startsWith("must be an RFC 3339 date-time (e.g. 2026-12-24T18:00:00Z) in the future, at"
            + " most 30 days ahead");
  }
}
