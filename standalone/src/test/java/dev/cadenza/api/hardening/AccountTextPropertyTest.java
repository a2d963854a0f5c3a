package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.e2e.EmbeddedStackTest;
import dev.cadenza.api.hardening.StackClient.Answer;
import dev.cadenza.api.hardening.StackClient.SignedUp;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.spring.JqwikSpringSupport;

/**
 * {@link TextFieldsPropertyTest} for the account endpoints: a user's name and email, a credit
 * grant's description, a refund's reason. Accepted text reads back where the user sees it ({@code
 * GET /v1/me}, {@code GET /v1/credits/transactions}) as sent, but for what the service does on
 * purpose: names and reasons are stripped of surrounding whitespace, emails also lower-cased.
 */
@JqwikSpringSupport
class AccountTextPropertyTest extends EmbeddedStackTest {
  private static final int TRIES = 30;

  private TextProbe probe;

  @Provide
  Arbitrary<String> text() {
    return HostileText.arbitrary();
  }

  @Property(tries = TRIES)
  void userName(@ForAll("text") String text) {
    String email = "text-" + UUID.randomUUID() + "@example.com";
    Answer answer = probe()
        .post(
            "/v1/admin/users",
            ADMIN,
            "{\"email\":\"" + email + "\",\"name\":" + HostileText.json(text) + "}");
    if (probe.judge(answer, text, "name")) {
      JsonNode me = probe.get("/v1/me", answer.json().path("apiKey").asText());
      assertThat(me.path("name").asText()).isEqualTo(text.strip());
    }
  }

  @Property(tries = TRIES)
  void userEmail(@ForAll("text") String text) {
    String email = "t" + UUID.randomUUID().toString().substring(0, 8) + text + "@example.com";
    Answer answer = probe()
        .post(
            "/v1/admin/users",
            ADMIN,
            "{\"email\":" + HostileText.json(email) + ",\"name\":\"Text\"}");
    if (probe.judge(answer, text, "email")) {
      JsonNode me = probe.get("/v1/me", answer.json().path("apiKey").asText());
      assertThat(me.path("email").asText()).isEqualTo(email.strip().toLowerCase(Locale.ROOT));
    }
  }

  @Property(tries = TRIES)
  void creditsDescription(@ForAll("text") String text) {
    SignedUp user = probe().signUp(0);
    Answer answer = probe.post(
        "/v1/admin/users/" + user.id() + "/credits",
        ADMIN,
        "{\"amount\":5,\"type\":\"bonus\",\"description\":" + HostileText.json(text) + "}");
    if (probe.judge(answer, text, "description")) {
      JsonNode latest =
          probe.get("/v1/credits/transactions", user.key()).path("data").path(0);
      assertThat(latest.path("description").asText()).isEqualTo(text);
    }
  }

  /** Refunds of 1 credit of a song's 10, to a user made once: ten can succeed, then 4xx. */
  @Property(tries = TRIES)
  void refundReason(@ForAll("text") String text) {
    SignedUp user = spender();
    Answer answer = probe.post(
        "/v1/admin/users/" + user.id() + "/refunds",
        ADMIN,
        "{\"amount\":1,\"reason\":" + HostileText.json(text) + "}");
    if (probe.judge(answer, text, "reason")) {
      JsonNode latest =
          probe.get("/v1/credits/transactions", user.key()).path("data").path(0);
      assertThat(latest.path("type").asText()).isEqualTo("refund");
      assertThat(latest.path("description").asText()).isEqualTo(text.strip());
    }
  }

  private SignedUp spender;

  private SignedUp spender() {
    if (spender == null) {
      spender = probe().signUp(10);
      String id = probe
          .post(
              "/v1/generations",
              spender.key(),
              "{\"type\":\"song\",\"input\":{\"description\":\"to refund\",\"durationSeconds\":10}}")
          .json()
          .path("id")
          .asText();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> probe
              .get("/v1/generations/" + id, spender.key())
              .path("status")
              .asText()
              .equals("succeeded"));
    }
    return spender;
  }

  private TextProbe probe() {
    if (probe == null) {
      probe = new TextProbe(new StackClient(port));
    }
    return probe;
  }
}
