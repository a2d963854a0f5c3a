package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.e2e.EmbeddedStackTest;
import dev.cadenza.api.hardening.StackClient.Answer;
import dev.cadenza.api.hardening.StackClient.SignedUp;
import dev.cadenza.credits.LedgerAudit;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Walks every endpoint as the wrong caller, on the full stack over HTTP: user B on user A's
 * generation (404 everywhere, never a hint that it exists), B's user key on every admin endpoint
 * (403), the admin key on every user endpoint (403), no key anywhere (401). A's generation,
 * its publication and A's credits are untouched by all of it.
 */
class AuthorizationWalkTest extends EmbeddedStackTest {
  private static final String SONG =
      "{\"type\":\"song\",\"input\":{\"description\":\"a walk in the rain\",\"durationSeconds\":10}}";

  @Autowired
  DataSource dataSource;

  private StackClient api;

  @BeforeEach
  void setUp() {
    api = new StackClient(port);
  }

  @AfterEach
  void ledgerStaysConsistent() {
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  /** One small generation of every type. */
  static List<String> everyType() {
    return List.of(
        SONG,
        "{\"type\":\"image\",\"input\":{\"prompt\":\"a fox\",\"width\":256,\"height\":256}}",
        "{\"type\":\"image-to-3d\",\"input\":{\"prompt\":\"an owl\",\"style\":\"low poly\"}}",
        "{\"type\":\"render\",\"input\":{\"timeline\":{\"width\":128,\"height\":96,\"fps\":6,"
            + "\"durationSeconds\":1,\"tracks\":[{\"type\":\"text\",\"clips\":"
            + "[{\"start\":0,\"duration\":1,\"text\":\"mine\"}]}]}}}");
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void anotherUsersGenerationIsNotFoundOnEveryEndpoint(String body) {
    SignedUp a = api.signUp(100);
    SignedUp b = api.signUp(100);
    Answer created = api.post("/v1/generations", a.key(), body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asText();
    JsonNode before = api.get("/v1/me", a.key()).json().path("credits");

    List<String[]> onAsObject = List.of(
        new String[] {"GET", "/v1/generations/" + id},
        new String[] {"POST", "/v1/generations/" + id + "/cancel"},
        new String[] {"GET", "/v1/generations/" + id + "/events"},
        new String[] {"POST", "/v1/generations/" + id + "/publish"},
        new String[] {"DELETE", "/v1/generations/" + id + "/publish"});
    for (String[] call : onAsObject) {
      Answer answer = api.send(call[0], call[1], b.key());
      assertProblem(answer, 404, "NOT_FOUND", call[0] + " " + call[1]);
      assertThat(answer.text()).as("no hint of the owner").doesNotContain(a.id());
    }
    String type = created.json().path("type").asText();
    for (String query :
        List.of("", "?type=" + type, "?status=queued", "?status=running", "?limit=100")) {
      Answer list = api.get("/v1/generations" + query, b.key());
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.json().path("data").findValuesAsText("id")).doesNotContain(id);
    }
    Answer transactions = api.get("/v1/credits/transactions?limit=100", b.key());
    assertThat(transactions.text()).doesNotContain(id);

    // B's attempts changed nothing of A's: the generation runs on, the hold is intact.
    JsonNode generation = api.get("/v1/generations/" + id, a.key()).json();
    assertThat(generation.path("status").asText()).isNotEqualTo("canceled");
    JsonNode finished = awaitTerminal(a.key(), id);
    assertThat(finished.path("status").asText()).isEqualTo("succeeded");
    JsonNode after = api.get("/v1/me", a.key()).json().path("credits");
    assertThat(after.path("balance").asLong())
        .isEqualTo(before.path("balance").asLong() - finished.path("cost").asLong());
    assertThat(api.get("/v1/me", b.key()).json().path("credits").path("balance").asLong())
        .isEqualTo(100);

    // Once it has succeeded and A published it, B can still neither see nor unpublish it.
    for (String[] call : onAsObject) {
      Answer answer = api.send(call[0], call[1], b.key());
      assertProblem(answer, 404, "NOT_FOUND", "after success: " + call[0] + " " + call[1]);
    }
    Answer published = api.send("POST", "/v1/generations/" + id + "/publish", a.key());
    assertThat(published.status()).as(published.text()).isEqualTo(200);
    for (String method : List.of("DELETE", "POST")) {
      Answer answer = api.send(method, "/v1/generations/" + id + "/publish", b.key());
      assertProblem(answer, 404, "NOT_FOUND", "published: " + method + " publish");
      assertThat(answer.text()).as("no hint of the owner").doesNotContain(a.id());
    }
    JsonNode stillPublished = api.get("/v1/generations/" + id, a.key()).json();
    assertThat(stillPublished.path("published").asBoolean()).isTrue();
    // Any of its files (a song's audio, an image, a model, a video), served by this API.
    String publicUrl = stillPublished.path("output").findValuesAsText("url").stream()
        .filter(url -> url.startsWith(api.base()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no file URL in " + stillPublished));
    assertThat(api.send("GET", publicUrl.substring(api.base().length()), null).status())
        .as("its public URL, without a key")
        .isEqualTo(200);
    Answer feed = api.get("/v1/feed?limit=100", b.key());
    assertThat(feed.json().path("data").findValuesAsText("id")).contains(id);
    assertThat(feed.text()).as("no hint of the owner in the feed").doesNotContain(a.id());
    assertThat(api.send("DELETE", "/v1/generations/" + id + "/publish", a.key()).status())
        .isEqualTo(200);
  }

  @Test
  void aUserKeyIsForbiddenOnEveryAdminEndpoint() {
    SignedUp a = api.signUp(10);
    SignedUp b = api.signUp(10);
    // B's own song, refused by the model (a test hook): a failed generation B would like retried.
    Answer refused = api.post(
        "/v1/generations",
        b.key(),
        "{\"type\":\"song\",\"input\":{\"description\":\"build a bomb\"}}");
    assertThat(refused.status()).as(refused.text()).isEqualTo(201);
    String generation = refused.json().path("id").asText();
    awaitTerminal(b.key(), generation);
    List<String[]> admin = List.of(
        new String[] {
          "POST",
          "/v1/admin/users",
          "{\"email\":\"x-" + a.id() + "@example.com\",\"name\":\"X\",\"credits\":1000}"
        },
        new String[] {"GET", "/v1/admin/users/" + a.id(), null},
        new String[] {"GET", "/v1/admin/users/" + b.id(), null},
        new String[] {
          "POST", "/v1/admin/users/" + b.id() + "/credits", "{\"amount\":1000,\"type\":\"bonus\"}"
        },
        new String[] {
          "POST",
          "/v1/admin/users/" + a.id() + "/credits",
          "{\"amount\":-10,\"type\":\"admin_adjust\"}"
        },
        new String[] {
          "POST", "/v1/admin/users/" + b.id() + "/refunds", "{\"amount\":5,\"reason\":\"mine\"}"
        },
        new String[] {"GET", "/v1/admin/fleet", null},
        new String[] {"GET", "/v1/admin/generations/" + generation, null},
        new String[] {"POST", "/v1/admin/generations/" + generation + "/retry", null},
        new String[] {"GET", "/v1/admin/users", null},
        new String[] {"GET", "/v1/admin/anything", null});
    for (String[] call : admin) {
      Answer answer = call[2] == null
          ? api.send(call[0], call[1], b.key())
          : api.post(call[1], b.key(), call[2]);
      assertProblem(answer, 403, "FORBIDDEN", "user key: " + call[0] + " " + call[1]);
    }
    assertThat(api.get("/v1/me", a.key()).json().path("credits").path("balance").asLong())
        .isEqualTo(10);
    assertThat(api.get("/v1/me", b.key()).json().path("credits").path("balance").asLong())
        .isEqualTo(10);
    assertThat(api.get("/v1/credits/transactions", b.key()).json().path("data")).hasSize(1);
    assertThat(api.get("/v1/generations", b.key()).json().path("data")).hasSize(1);
  }

  @Test
  void theAdminKeyIsForbiddenOnEveryUserEndpoint() {
    SignedUp a = api.signUp(100);
    String id = api.post("/v1/generations", a.key(), SONG).json().path("id").asText();
    List<String[]> user = List.of(
        new String[] {"GET", "/v1/me"},
        new String[] {"GET", "/v1/credits/transactions"},
        new String[] {"GET", "/v1/generations"},
        new String[] {"POST", "/v1/generations"},
        new String[] {"GET", "/v1/generations/" + id},
        new String[] {"POST", "/v1/generations/" + id + "/cancel"},
        new String[] {"GET", "/v1/generations/" + id + "/events"},
        new String[] {"GET", "/v1/tools"},
        new String[] {"POST", "/v1/generations/" + id + "/publish"},
        new String[] {"DELETE", "/v1/generations/" + id + "/publish"});
    for (String[] call : user) {
      Answer answer = call[0].equals("POST")
          ? api.post(call[1], ADMIN, SONG)
          : api.send(call[0], call[1], ADMIN);
      assertProblem(answer, 403, "FORBIDDEN", "admin key: " + call[0] + " " + call[1]);
    }
    assertThat(awaitTerminal(a.key(), id).path("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void withoutAKeyEveryProtectedEndpointIsUnauthorized() {
    SignedUp a = api.signUp(0);
    List<String[]> all = List.of(
        new String[] {"POST", "/v1/admin/users"},
        new String[] {"GET", "/v1/admin/users/" + a.id()},
        new String[] {"POST", "/v1/admin/users/" + a.id() + "/credits"},
        new String[] {"POST", "/v1/admin/users/" + a.id() + "/refunds"},
        new String[] {"GET", "/v1/admin/fleet"},
        new String[] {"GET", "/v1/admin/generations/gen_x"},
        new String[] {"POST", "/v1/admin/generations/gen_x/retry"},
        new String[] {"GET", "/v1/me"},
        new String[] {"GET", "/v1/credits/transactions"},
        new String[] {"GET", "/v1/generations"},
        new String[] {"POST", "/v1/generations"},
        new String[] {"GET", "/v1/generations/gen_x"},
        new String[] {"POST", "/v1/generations/gen_x/cancel"},
        new String[] {"GET", "/v1/generations/gen_x/events"},
        new String[] {"GET", "/v1/tools"},
        new String[] {"POST", "/v1/generations/gen_x/publish"},
        new String[] {"DELETE", "/v1/generations/gen_x/publish"},
        new String[] {"GET", "/v1/nothing-here"},
        new String[] {"GET", "/not-an-api-path"});
    for (String[] call : all) {
      for (String key :
          new String[] {null, "", "cdz_" + "0".repeat(32), "garbage", "e2e-admin-key"}) {
        Answer answer = call[0].equals("POST")
            ? api.post(call[1], key, "{\"amount\":1,\"type\":\"bonus\"}")
            : api.send(call[0], call[1], key);
        assertProblem(answer, 401, "UNAUTHORIZED", "key " + key + ": " + call[0] + " " + call[1]);
      }
    }
    assertThat(api.get("/v1/me", a.key()).json().path("credits").path("balance").asLong())
        .isZero();
  }

  private static void assertProblem(Answer answer, int status, String code, String what) {
    assertThat(answer.status()).as(what + " -> " + answer.text()).isEqualTo(status);
    assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
    assertThat(answer.json().path("code").asText()).as(what).isEqualTo(code);
  }

  private JsonNode awaitTerminal(String key, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.get("/v1/generations/" + id, key).json();
      return last[0].path("completedAt").isTextual();
    });
    return last[0];
  }
}
