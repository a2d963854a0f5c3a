package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.api.e2e.EmbeddedStackTest;
import dev.cadenza.api.hardening.StackClient.Answer;
import dev.cadenza.api.hardening.StackClient.SignedUp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link HostileInputFuzzTest} found, one request each: answers that were a 5xx or had no
 * problem body before the fix.
 */
class HostileInputRegressionTest extends EmbeddedStackTest {
  private StackClient api;
  private SignedUp user;

  @BeforeEach
  void setUp() {
    api = new StackClient(port);
    user = api.signUp(0);
  }

  /** Was an empty 400: the firewall's refusal, then its refusal of the error dispatch. */
  @Test
  void aMethodTheApiDoesNotKnowIsAProblem() {
    for (String method : new String[] {"FOO", "TRACE", "PROPFIND", "get"}) {
      Answer answer = api.send(method, "/v1/me", user.key());
      assertProblem(answer, 405, "METHOD_NOT_ALLOWED", method);
    }
  }

  /** Was an empty 400. */
  @Test
  void aPathTheFirewallRefusesIsAProblem() {
    for (String path :
        new String[] {"/v1//me", "/v1/generations/%2e%2e/me", "/v1/me;x=y", "/v1/generations/a%2Fb"
        }) {
      assertProblem(api.get(path, user.key()), 400, "MALFORMED_REQUEST", path);
    }
  }

  /** Was a 500: Spring MVC cannot build the request headers from a wildcard content type. */
  @Test
  void aWildcardContentTypeIsUnsupportedWithABodyAndIgnoredWithout() {
    for (String type : new String[] {"*/*", "application/*"}) {
      Answer created = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/v1/admin/users"))
          .header("Authorization", "Bearer " + ADMIN)
          .header("Content-Type", type)
          .POST(
              HttpRequest.BodyPublishers.ofString("{\"email\":\"w@example.com\",\"name\":\"W\"}")));
      assertProblem(created, 415, "UNSUPPORTED_MEDIA_TYPE", type);
      Answer health = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/actuator/health"))
          .header("Content-Type", type)
          .GET());
      assertThat(health.status()).as(type).isEqualTo(200);
      Answer me = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/v1/me"))
          .header("Authorization", "Bearer " + user.key())
          .header("Content-Type", type)
          .GET());
      assertThat(me.status()).as(type).isEqualTo(200);
    }
  }

  /** Was a 500: the firewall checks parameter names when a handler reads them. */
  @Test
  void aParameterNameTheFirewallRefusesIsAProblem() {
    assertProblem(
        api.get("/actuator/health?%00=x", null),
        400,
        "MALFORMED_REQUEST",
        "NUL in a parameter name");
  }

  /** Were 501 and 505 problems with code INTERNAL ("an unexpected error ... logged"). */
  @Test
  void requestLinesTheConnectorRefusesAreClientErrors() throws Exception {
    Answer connect = StackClient.raw(port, request("CONNECT /v1/me HTTP/1.1"));
    assertProblem(connect, 405, "METHOD_NOT_ALLOWED", "CONNECT");
    for (String line :
        new String[] {"GET /v1/me HTTP/2.0", "GET /v1/me FOO/1.1", "GET /v1/me HTTP/9.9"}) {
      assertProblem(StackClient.raw(port, request(line)), 400, "MALFORMED_REQUEST", line);
    }
  }

  private static byte[] request(String line) {
    return (line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static void assertProblem(Answer answer, int status, String code, String what) {
    assertThat(answer).as(what + ": an answer").isNotNull();
    assertThat(answer.status()).as(what + " -> " + answer.text()).isEqualTo(status);
    assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
    assertThat(answer.json().path("code").asText()).as(what).isEqualTo(code);
    assertThat(answer.json().path("status").asInt()).as(what).isEqualTo(status);
  }
}
