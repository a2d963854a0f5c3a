package dev.cadenza.api.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.api.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorCodecTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 42, 1_000_000, Long.MAX_VALUE})
  void roundTrips(long position) {
    String cursor = CursorCodec.encode(position);
    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(CursorCodec.decode(cursor)).isEqualTo(position);
  }

  @Test
  void nullMeansNoPage() {
    assertThat(CursorCodec.encode(null)).isNull();
    assertThat(CursorCodec.decode(null)).isNull();
    assertThat(CursorCodec.decode("")).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "!!!",
        "42",
        "YzE6",
        "c1:5",
        "====",
        "YzE6MA",
        "YzE6LTE",
        "YzE6MDE",
        "YzE6NXg",
        "YzI6NQ",
        "YzE6NQ==",
        "YzE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5",
        "YzE6NQ\n"
      })
  void garbageIsAnInvalidCursor(String cursor) {
    assertThatThrownBy(() -> CursorCodec.decode(cursor))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status().value()).isEqualTo(400);
          assertThat(e.code()).isEqualTo("INVALID_CURSOR");
        });
  }

  @Test
  void overlongIsInvalid() {
    String cursor = Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("c1:" + "1".repeat(100)).getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> CursorCodec.decode(cursor)).isInstanceOf(ApiException.class);
  }
}
