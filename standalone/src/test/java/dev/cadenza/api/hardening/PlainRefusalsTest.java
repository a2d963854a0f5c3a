package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.e2e.EmbeddedStackTest;
import dev.cadenza.api.hardening.StackClient.Answer;
import dev.cadenza.api.hardening.StackClient.SignedUp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defects 6 and 7: a cursor with broken percent-encoding answered the first page, and
 * refusals whose messages misled. Each refusal names the field, the rule and the range.
 */
class PlainRefusalsTest extends EmbeddedStackTest {
  private StackClient api;
  private SignedUp user;

  @BeforeEach
  void setUp() {
    api = new StackClient(port);
    user = api.signUp(100);
  }

  /** Over a socket: an HTTP client will not send a URL with a broken escape. */
  @Test
  void aCursorWithBrokenPercentEncodingIsAnInvalidCursor() throws Exception {
    for (String list : new String[] {"/v1/generations", "/v1/credits/transactions", "/v1/feed"}) {
      for (String cursor : new String[] {"%%%", "%ZZ", "abc%", "%FF%FE"}) {
        Answer answer = raw("GET " + list + "?cursor=" + cursor);
        assertThat(answer.status()).as(list + " cursor " + cursor).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isEqualTo("INVALID_CURSOR");
      }
    }
    Answer limit = raw("GET /v1/generations?limit=%ZZ");
    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.json().path("code").asText()).isEqualTo("INVALID_PARAMETER");
    assertThat(limit.json().path("errors").path(0).path("field").asText()).isEqualTo("limit");
    assertThat(raw("GET /v1/generations?cursor=&limit=5").status()).isEqualTo(200);
  }

  @Test
  void wholeNumbersOutOfRangeSaySoWithTheRange() {
    for (String duration : new String[] {"1e308", "9223372036854775808", "1e400", "241"}) {
      assertMessage(
          "{\"type\":\"song\",\"input\":{\"description\":\"rain\",\"durationSeconds\":" + duration
              + "}}",
          "input.durationSeconds",
          "is out of range: must be a whole number between 10 and 240");
    }
    assertMessage(
        "{\"type\":\"song\",\"input\":{\"description\":\"rain\",\"durationSeconds\":20.5}}",
        "input.durationSeconds",
        "is not a whole number: must be a whole number between 10 and 240");
    assertMessage(
        "{\"type\":\"song\",\"input\":{\"description\":\"rain\",\"seed\":18446744073709551616}}",
        "input.seed",
        "is out of range: must be a whole number between 0 and 9223372036854775807");
  }

  @Test
  void anIpLiteralInHexSaysWhatIsWrong() {
    assertMessage(
        "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"http://0x7f000001/\"}}",
        "input.imageUrl",
        "must be an http(s) URL of at most 2000 characters to a public host: 0x7f000001 is not an"
            + " IP address this service reads: write an IPv4 address as four numbers from 0 to"
            + " 255 (like 203.0.113.7), or use a host name");
  }

  @Test
  void cancelingAnEndedGenerationSaysItHasEnded() {
    String id = api.post(
            "/v1/generations", user.key(), "{\"type\":\"image\",\"input\":{\"prompt\":\"fox\"}}")
        .json()
        .path("id")
        .asText();
    api.send("POST", "/v1/generations/" + id + "/cancel", user.key());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/v1/generations/" + id, user.key())
            .json()
            .path("completedAt")
            .isTextual());
    String status =
        api.get("/v1/generations/" + id, user.key()).json().path("status").asText();

    Answer again = api.send("POST", "/v1/generations/" + id + "/cancel", user.key());

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("code").asText()).isEqualTo("NOT_CANCELABLE");
    assertThat(again.json().path("detail").asText())
        .isEqualTo("Generation " + id + " cannot be canceled: it has already ended with status "
            + status + ". Only a queued or running generation can be canceled.");
  }

  private void assertMessage(String body, String field, String message) {
    Answer answer = api.post("/v1/generations", user.key(), body);
    assertThat(answer.status()).as(answer.text()).isEqualTo(422);
    JsonNode error = answer.json().path("errors").path(0);
    assertThat(error.path("field").asText()).as(answer.text()).isEqualTo(field);
    assertThat(error.path("message").asText()).isEqualTo(message);
  }

  @Test
  void anEmptyAcceptHeaderMeansAnyFormatNotA500() throws Exception {
    for (String path : List.of("/actuator/prometheus", "/v1/generations", "/v1/me")) {
      String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: \r\n"
          + "Authorization: Bearer " + user.key() + "\r\nConnection: close\r\n\r\n";
      Answer answer = StackClient.raw(port, request.getBytes(StandardCharsets.US_ASCII));
      assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(200);
    }
  }

  private Answer raw(String requestLine) throws Exception {
    String request = requestLine + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + user.key() + "\r\nConnection: close\r\n\r\n";
    return StackClient.raw(port, request.getBytes(StandardCharsets.US_ASCII));
  }
}
