package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.e2e.EmbeddedStackTest;
import dev.cadenza.api.hardening.StackClient.Answer;
import dev.cadenza.api.hardening.StackClient.SignedUp;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The text fields of issue 13: a NUL was a 500 (PostgreSQL refuses it) and a lone surrogate was
 * stored as {@code ?}. Now 422 naming the field, and nothing is stored.
 */
class UnacceptableTextTest extends EmbeddedStackTest {
  private static final String NUL = "\\u0000";
  private static final String LONE_SURROGATE = "\\ud800";

  private StackClient api;
  private SignedUp user;

  @BeforeEach
  void setUp() {
    api = new StackClient(port);
    user = api.signUp(1000);
  }

  @Test
  void aGenerationWithANulOrALoneSurrogateInAnyTextFieldIsRefusedAndNotStored() {
    for (String bad : new String[] {NUL, LONE_SURROGATE}) {
      refused(
          "/v1/generations",
          "{\"type\":\"image\",\"input\":{\"prompt\":\"fox" + bad + "snow\"}}",
          "input.prompt");
      refused(
          "/v1/generations",
          "{\"type\":\"song\",\"input\":{\"prompt\":\"jazz\",\"lyrics\":\"[Verse]\\nla" + bad
              + "\"}}",
          "input.lyrics");
      refused(
          "/v1/generations",
          "{\"type\":\"render\",\"input\":{\"timeline\":{\"width\":320,\"height\":240,\"fps\":12,"
              + "\"durationSeconds\":1,\"tracks\":[{\"type\":\"text\",\"clips\":[{\"start\":0,"
              + "\"duration\":1,\"text\":\"hi" + bad + "\"}]}]}}}",
          "input.timeline.tracks[0].clips[0].text");
      refused(
          "/v1/batches",
          "{\"items\":[{\"type\":\"image\",\"input\":{\"prompt\":\"owl\"}},"
              + "{\"type\":\"song\",\"input\":{\"description\":\"rain" + bad + "\"}}]}",
          "items[1].input.description");
    }
    assertThat(api.get("/v1/generations", user.key()).json().path("data")).isEmpty();
    assertThat(api.get("/v1/me", user.key())
            .json()
            .path("credits")
            .path("reserved")
            .asLong())
        .isZero();
  }

  @Test
  void anAdminUserNameWithANulIsRefusedAndNoUserIsCreated() {
    String email = "text-" + UUID.randomUUID() + "@example.com";
    for (String bad : new String[] {NUL, LONE_SURROGATE}) {
      Answer answer = api.post(
          "/v1/admin/users",
          ADMIN,
          "{\"email\":\"" + email + "\",\"name\":\"Ann" + bad + "\",\"credits\":5}");
      assertRefused(answer, "name");
    }
    Answer created = api.post(
        "/v1/admin/users", ADMIN, "{\"email\":\"" + email + "\",\"name\":\"Ann\",\"credits\":5}");
    assertThat(created.status())
        .as("the email is still free: %s", created.text())
        .isEqualTo(201);
  }

  @Test
  void aCreditsDescriptionWithANulIsRefusedAndTheBalanceStays() {
    for (String bad : new String[] {NUL, LONE_SURROGATE}) {
      Answer answer = api.post(
          "/v1/admin/users/" + user.id() + "/credits",
          ADMIN,
          "{\"amount\":5,\"type\":\"bonus\",\"description\":\"gift" + bad + "\"}");
      assertRefused(answer, "description");
    }
    JsonNode credits = api.get("/v1/me", user.key()).json().path("credits");
    assertThat(credits.path("balance").asLong()).isEqualTo(1000);
    assertThat(api.get("/v1/credits/transactions", user.key()).json().path("data"))
        .hasSize(1);
  }

  private void refused(String path, String body, String field) {
    assertRefused(api.post(path, user.key(), body), field);
  }

  private static void assertRefused(Answer answer, String field) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(422);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    JsonNode error = answer.json().path("errors").path(0);
    assertThat(error.path("field").asText()).as(answer.text()).isEqualTo(field);
    assertThat(error.path("message").asText()).containsAnyOf("control characters", "surrogate");
  }
}
