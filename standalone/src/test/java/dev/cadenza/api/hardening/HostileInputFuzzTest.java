package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.api.e2e.EmbeddedStackTest;
import dev.cadenza.api.hardening.StackClient.SignedUp;
import dev.cadenza.credits.LedgerAudit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Thousands of malformed and hostile requests against every endpoint of the full stack, over
 * HTTP (and a share over a raw socket, for what an HTTP client refuses to send). Whatever comes
 * in: never a 5xx, every 4xx/5xx is {@code application/problem+json} with a {@code code}, and the
 * fuzzing user (no credits) ends exactly as it began: no credits, no hold, no generation; the
 * ledger audit finds nothing. Another user's published generation stays published.
 *
 * <p>Reproduce a run with {@code -Dfuzz.seed=<seed printed by the test>}; {@code
 * -Dfuzz.seed=random} picks a new one, {@code -Dfuzz.requests=N} changes the count.
 */
class HostileInputFuzzTest extends EmbeddedStackTest {
  private static final long DEFAULT_SEED = 0xCADE_2A_F022L;
  private static final int MAX_BODY = 1024 * 1024;
  /** Tomcat's limit of the request line and headers (Spring Boot's default, 8 KB). */
  private static final int MAX_HEAD = 8 * 1024;

  private static final int FUZZERS = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  DataSource dataSource;

  private StackClient api;
  private Random random;
  /** Draws the text of text fields, so that the requests themselves stay those of the seed. */
  private Random texts;
  /** Users without credits the fuzzer acts as; several, to stay under the rate limit. */
  private final List<SignedUp> fuzzers = new ArrayList<>();

  private SignedUp fuzzer;
  private SignedUp other;
  private String othersGeneration;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  /** One request as sent, for the failure report. */
  record Sent(
      int index,
      String method,
      String path,
      Map<String, List<String>> headers,
      String bodyPreview,
      int bodyLength,
      boolean raw) {
    /** About the size of the request line and headers on the wire. */
    int headLength() {
      int length = method.length() + path.length() + 12;
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        for (String value : header.getValue()) {
          length += header.getKey().length() + value.length() + 4;
        }
      }
      return length;
    }

    @Override
    public String toString() {
      return "#" + index + (raw ? " raw " : " ") + method + " " + abbreviate(path, 200)
          + " headers="
          + abbreviate(headers.toString(), 300) + " body(" + bodyLength + ")="
          + abbreviate(bodyPreview, 200);
    }
  }

  record Received(int status, String contentType, String body) {}

  @Test
  void hostileRequestsNeverBreakTheApiNorMoveCredits() throws Exception {
    String seedProperty = System.getProperty("fuzz.seed", Long.toString(DEFAULT_SEED));
    long seed = seedProperty.equals("random") ? System.nanoTime() : Long.decode(seedProperty);
    int count = Integer.getInteger("fuzz.requests", 3000);
    System.out.println("HostileInputFuzzTest: seed " + seed + " (-Dfuzz.seed=" + seed + "), "
        + count + " requests");
    random = new Random(seed);
    texts = new Random(~seed);
    api = new StackClient(port);
    for (int i = 0; i < FUZZERS; i++) {
      fuzzers.add(api.signUp(0));
    }
    fuzzer = fuzzers.get(0);
    other = api.signUp(100);
    othersGeneration = api.post(
            "/v1/generations",
            other.key(),
            "{\"type\":\"song\",\"input\":{\"description\":\"fuzz target\",\"durationSeconds\":10}}")
        .json()
        .path("id")
        .asText();
    // Published, so that its public files are there to be attacked (ranges, odd names).
    awaitSucceeded(other.key(), othersGeneration);
    assertThat(api.send("POST", "/v1/generations/" + othersGeneration + "/publish", other.key())
            .status())
        .isEqualTo(200);
    List<JsonNode> before = accounts();

    List<String> failures = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    int dropped = 0;
    long started = System.nanoTime();
    for (int i = 0; i < count && failures.size() < 25; i++) {
      fuzzer = fuzzers.get(random.nextInt(fuzzers.size()));
      boolean raw = random.nextInt(10) == 0;
      Sent sent = null;
      Received received;
      try {
        if (raw) {
          byte[][] request = new byte[1][];
          sent = rawRequest(i, request);
          received = sendRaw(request[0]);
        } else {
          HttpRequest[] request = new HttpRequest[1];
          sent = httpRequest(i, request);
          received = send(request[0]);
        }
      } catch (IOException e) {
        // A connection closed on an oversize body or head or a request Tomcat cannot parse: no
        // answer to judge (Tomcat answers an oversize head with 400 but closes with the rest
        // unread, and the reset can reach the client before the answer). Anything else without
        // an answer is a failure.
        if (sent != null
            && (sent.bodyLength() > MAX_BODY || sent.headLength() > MAX_HEAD || sent.raw())) {
          dropped++;
          continue;
        }
        failures.add(sent + " -> no answer: " + e);
        continue;
      }
      if (received == null) {
        dropped++;
        continue;
      }
      statuses.merge(received.status(), 1, Integer::sum);
      String problem = judge(sent, received);
      if (problem != null) {
        failures.add(sent + "\n    -> " + received.status() + " " + received.contentType() + " "
            + abbreviate(received.body(), 300) + "\n    " + problem);
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("HostileInputFuzzTest: " + count + " requests in " + millis
        + " ms, statuses " + statuses + ", " + dropped + " closed without an answer");

    assertThat(failures)
        .as("seed " + seed + ": answers that break the contract")
        .isEmpty();

    assertThat(accounts()).as("the fuzzing users' accounts, seed " + seed).isEqualTo(before);
    JdbcClient jdbc = JdbcClient.create(dataSource);
    for (SignedUp user : fuzzers) {
      JsonNode credits = api.get("/v1/me", user.key()).json().path("credits");
      assertThat(credits.path("balance").asLong()).isZero();
      assertThat(credits.path("reserved").asLong()).isZero();
      assertThat(api.get("/v1/generations", user.key()).json().path("data")).isEmpty();
      assertThat(api.get("/v1/credits/transactions", user.key()).json().path("data"))
          .isEmpty();
      assertThat(jdbc.sql("select count(*) from generations where user_id = ?")
              .param(user.id())
              .query(Long.class)
              .single())
          .isZero();
      assertThat(jdbc.sql("select count(*) from credit_transactions where user_id = ?")
              .param(user.id())
              .query(Long.class)
              .single())
          .isZero();
    }
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
    assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    assertThat(api.get("/v1/generations/" + othersGeneration, other.key())
            .json()
            .path("published")
            .asBoolean())
        .as("nobody but its owner unpublishes it")
        .isTrue();
    assertThat(api.send("DELETE", "/v1/generations/" + othersGeneration + "/publish", other.key())
            .status())
        .isEqualTo(200);
  }

  private void awaitSucceeded(String key, String id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() ->
            api.get("/v1/generations/" + id, key).json().path("completedAt").isTextual());
    assertThat(api.get("/v1/generations/" + id, key).json().path("status").asText())
        .isEqualTo("succeeded");
  }

  private List<JsonNode> accounts() {
    List<JsonNode> accounts = new ArrayList<>();
    for (SignedUp user : fuzzers) {
      accounts.add(api.get("/v1/me", user.key()).json());
    }
    return accounts;
  }

  /** Null when the answer keeps the contract; else what is wrong. */
  private static String judge(Sent sent, Received received) {
    if (received.status() >= 500) {
      return "a server error";
    }
    if (received.status() < 400 || sent.method().equals("HEAD")) {
      return null;
    }
    if (!received.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
      return "not application/problem+json";
    }
    try {
      JsonNode body = JSON.readTree(received.body());
      if (!body.path("code").isTextual() || body.path("code").asText().isBlank()) {
        return "no code";
      }
      if (body.path("status").asInt() != received.status()) {
        return "status in the body differs";
      }
    } catch (IOException e) {
      return "the body is not JSON";
    }
    return null;
  }

  // ---------------------------------------------------------------- requests over HttpClient

  private static final String[] METHODS = {
    "GET",
    "GET",
    "GET",
    "POST",
    "POST",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "HEAD",
    "OPTIONS",
    "TRACE",
    "PROPFIND",
    "FOO",
    "get"
  };

  private Sent httpRequest(int index, HttpRequest[] out) {
    Target target = target();
    String method = random.nextInt(4) == 0 ? pick(METHODS) : target.method();
    String path = target.path() + query(target);
    URI uri;
    try {
      uri = URI.create(api.base() + path);
    } catch (IllegalArgumentException e) {
      path = "/v1/generations/" + encode(path);
      uri = URI.create(api.base() + path);
    }
    byte[] body = body(target);
    Map<String, List<String>> headers = new TreeMap<>();
    for (String key : keys(target)) {
      add(headers, "Authorization", key);
    }
    String type = contentType();
    if (type != null) {
      add(headers, "Content-Type", type);
    }
    if (random.nextInt(4) == 0) {
      add(headers, "Accept", pick(ACCEPTS));
    }
    if (random.nextInt(3) == 0) {
      add(headers, "Idempotency-Key", idempotencyKey());
    }
    if (random.nextInt(8) == 0) {
      add(headers, "Last-Event-ID", pick(GARBAGE_VALUES));
    }
    if (target.path().startsWith(PUBLIC_FILES) && random.nextBoolean()) {
      add(headers, "Range", pick(RANGES));
    }
    if (random.nextInt(10) == 0) {
      add(
          headers,
          pick(new String[] {
            "Content-Encoding",
            "X-Forwarded-For",
            "Origin",
            "Range",
            "If-None-Match",
            "X-HTTP-Method-Override",
            "Cookie"
          }),
          pick(GARBAGE_VALUES));
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    headers.forEach((name, values) -> values.forEach(value -> {
      try {
        builder.header(name, value);
      } catch (IllegalArgumentException e) {
        builder.header(name, "x");
      }
    }));
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body);
    try {
      builder.method(method, publisher);
    } catch (IllegalArgumentException e) {
      method = "POST";
      builder.method(method, publisher);
    }
    out[0] = builder.build();
    return new Sent(
        index,
        method,
        path,
        headers,
        body == null ? "" : preview(body),
        body == null ? 0 : body.length,
        false);
  }

  private Received send(HttpRequest request) throws IOException {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Received(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** An endpoint to aim at: its usual method, a path (maybe mangled) and what its body reads. */
  record Target(String method, String path, String kind, boolean admin) {}

  private Target target() {
    String id = pickId();
    return switch (random.nextInt(20)) {
      case 0 -> new Target("POST", "/v1/admin/users", "user", true);
      case 1 -> new Target("GET", "/v1/admin/users/" + adminUserId(), "none", true);
      case 2 ->
        new Target("POST", "/v1/admin/users/" + adminUserId() + "/credits", "credits", true);
      case 3 -> new Target("GET", mangle("/v1/me"), "none", false);
      case 4 -> new Target("GET", "/v1/credits/transactions", "list", false);
      case 5, 6 -> new Target("POST", mangle("/v1/generations"), "generation", false);
      case 7 -> new Target("GET", "/v1/generations", "list", false);
      case 8 -> new Target("GET", "/v1/generations/" + id, "none", false);
      case 9 -> new Target("POST", "/v1/generations/" + id + "/cancel", "none", false);
      case 10 -> new Target("GET", "/v1/generations/" + id + "/events", "none", false);
      case 11 ->
        new Target(
            random.nextBoolean() ? "POST" : "DELETE",
            "/v1/generations/" + id + "/publish",
            "none",
            false);
      case 12 -> new Target("POST", "/v1/batches", "batch", false);
      case 13 ->
        new Target(
            "GET",
            pick(new String[] {
              "/v1/feed",
              "/v1/tools",
              "/actuator/health",
              "/actuator/prometheus",
              "/v3/api-docs",
              "/error",
              "/actuator/env",
              "/actuator/heapdump"
            }),
            "list",
            false);
      case 14 ->
        random.nextInt(3) == 0
            ? new Target(
                "GET",
                PUBLIC_FILES + (random.nextBoolean() ? othersGeneration : id) + "/"
                    + pick(PUBLIC_FILE_NAMES),
                "none",
                false)
            : new Target(
                "GET",
                "/v1/files/" + pick(FILE_KEYS)
                    + pick(new String[] {
                      "",
                      "?expires=1&signature=x",
                      "?expires=abc",
                      "?expires=99999999999999999999&signature=%00",
                      "?signature="
                    }),
                "none",
                false);
      case 15 -> new Target("GET", pick(TRAVERSALS), "none", random.nextBoolean());
      case 16 ->
        new Target("POST", "/v1/admin/users/" + adminUserId() + "/refunds", "refund", true);
      case 17 -> new Target("POST", "/v1/admin/generations/" + id + "/retry", "none", true);
      case 18 ->
        new Target(
            "GET",
            random.nextBoolean() ? "/v1/admin/fleet" : "/v1/admin/generations/" + id,
            "list",
            true);
      default ->
        new Target(
            pick(new String[] {"GET", "POST"}),
            mangle(pick(new String[] {
              "/v1/generations/" + id, "/v1/admin/users", "/v1/me", "/v1/credits/transactions"
            })),
            "generation",
            false);
    };
  }

  private static final String[] TRAVERSALS = {
    "/v1/../v1/me",
    "/v1/generations/../me",
    "/v1/%2e%2e/v1/me",
    "/v1/generations/%2e%2e/%2e%2e/admin/users",
    "/v1/generations/..%2f..%2fadmin%2fusers",
    "/v1/generations/%2F",
    "/v1//me",
    "//v1/me",
    "/v1/me/",
    "/v1/me;jsessionid=abc",
    "/v1/me;a=b/..",
    "/v1/./me",
    "/V1/ME",
    "/v1/me%00",
    "/v1/me%20",
    "/v1/%5c..%5cme",
    "/v1/admin%2fusers",
    "/v1/admin/..;/me",
    "/v1/files/..%2f..%2f..%2fetc%2fpasswd",
    "/v1/files/../../../etc/passwd",
    "/v1/files/%2e%2e/%2e%2e/application.yaml",
    "/v1/files/",
    "/v1/files/generations/x/../../../../etc/passwd?expires=9999999999&signature=x",
    "/.git/config",
    "/actuator/../v1/me",
    "/swagger-ui/../v1/me",
    "/v3/api-docs/../../v1/me",
    "/error/../v1/me",
    "/v1/generations/%E2%98%83",
    "/v1/generations/%F0%9F%8E%B5",
    "/v1/generations/%C0%AE%C0%AE",
    "/v1/generations/%FF%FE",
    "/v1/generations/" + "a".repeat(5000),
    "/" + "v1/".repeat(500),
    "/v1/generations/x?" + "a=b&".repeat(2000),
    "/%",
    "/v1/generations/%25",
    "/*",
    "/v1/generations/*",
  };

  private static final String PUBLIC_FILES = "/v1/public/generations/";

  private static final String[] PUBLIC_FILE_NAMES = {
    "audio.wav",
    "cover.png",
    "audio.wav",
    "..",
    "%2e%2e",
    ".signing-key",
    "audio.wav%00",
    "AUDIO.WAV",
    "audio.wav/..",
    "x".repeat(3000),
    "%E2%98%83",
  };

  private static final String[] RANGES = {
    "bytes=0-0",
    "bytes=0-",
    "bytes=-1",
    "bytes=999999999-",
    "bytes=5-1",
    "bytes=0-1,2-3,4-5",
    "bytes=" + "0-0,".repeat(200) + "0-0",
    "bytes=-0",
    "bytes=99999999999999999999-",
    "items=0-1",
    "bytes=",
    "garbage",
  };

  private static final String[] FILE_KEYS = {
    "generations/x/audio.wav",
    "..",
    "../../etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "a".repeat(3000),
    "staging/",
    "%00",
    "generations/%E2%98%83",
    "\u00e9t\u00e9".replace("\u00e9", "%C3%A9"),
  };

  private String mangle(String path) {
    return switch (random.nextInt(12)) {
      case 0 -> path + "/";
      case 1 -> path.toUpperCase(Locale.ROOT);
      case 2 -> path.replace("/v1/", "/v1//");
      case 3 -> path + ";x=y";
      case 4 -> path.replace("/v1/", "/v1/./");
      case 5 -> path + "/" + "x".repeat(random.nextInt(3000));
      case 6 -> path.replace("/v1/", "/v1/%2e/");
      default -> path;
    };
  }

  private String pickId() {
    return switch (random.nextInt(8)) {
      case 0 -> othersGeneration;
      case 1 -> "gen_" + Long.toHexString(random.nextLong());
      case 2 -> othersGeneration.toUpperCase(Locale.ROOT);
      case 3 -> encode(pick(GARBAGE_VALUES));
      case 4 -> "%20" + othersGeneration;
      case 5 -> "x".repeat(1 + random.nextInt(4000));
      case 6 -> fuzzer.id();
      default ->
        pick(new String[] {
          "null",
          "-1",
          "0",
          "99999999999999999999999",
          "%27%20OR%201%3D1--",
          "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D",
          "..",
          "%00",
          "%2e%2e",
          "%E2%80%AE",
          "gen_",
          "events"
        });
    };
  }

  /** Admin paths never name the fuzzing user: the admin key may change other accounts only. */
  private String adminUserId() {
    return switch (random.nextInt(5)) {
      case 0 -> other.id();
      case 1 -> "usr_" + Long.toHexString(random.nextLong());
      case 2 -> encode(pick(GARBAGE_VALUES));
      case 3 -> "x".repeat(1 + random.nextInt(3000));
      default -> pick(new String[] {"null", "-1", "%00", "%2e%2e", "usr_", "%E2%98%83"});
    };
  }

  private String query(Target target) {
    if (random.nextInt(3) != 0) {
      return "";
    }
    List<String> params = new ArrayList<>();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      String name = pick(new String[] {
        "limit",
        "cursor",
        "type",
        "status",
        "limit",
        "cursor",
        "expires",
        "signature",
        "x",
        "limit[]",
        "",
        "%00"
      });
      String value = switch (name) {
        case "limit" ->
          pick(new String[] {
            "-1",
            "abc",
            "1e9",
            "0",
            "101",
            "100",
            "1",
            "99999999999999999999",
            "",
            "1.5",
            "%00",
            "0x10",
            "+5",
            " 5",
            "NaN",
            "%E2%98%83"
          });
        case "cursor" ->
          pick(new String[] {
            "garbage",
            "",
            "YzE6MQ",
            "YzE6LTU",
            "YzE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ",
            "YzE6MA",
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("c1:" + random.nextLong()).getBytes(StandardCharsets.US_ASCII)),
            "a".repeat(1000),
            "%FF",
            "====",
            "c1:1"
          });
        case "type" ->
          pick(new String[] {
            "song",
            "image",
            "garbage",
            "",
            "SONG",
            "%27%3B%20DROP%20TABLE%20generations%3B--",
            "song,image"
          });
        case "status" ->
          pick(new String[] {"queued", "running", "garbage", "", "RUNNING", "succeeded%00"});
        default -> encode(pick(GARBAGE_VALUES));
      };
      params.add(name + "=" + value);
    }
    return "?" + String.join("&", params);
  }

  private List<String> keys(Target target) {
    return switch (random.nextInt(12)) {
      case 0 -> List.of();
      case 1 -> List.of("Bearer " + pick(GARBAGE_KEYS));
      case 2 -> List.of("Bearer " + ADMIN);
      case 3 -> List.of("Bearer " + fuzzer.key(), "Bearer " + pick(GARBAGE_KEYS));
      case 4 ->
        List.of(pick(new String[] {
          "Basic YWRtaW46YWRtaW4=",
          "bearer " + fuzzer.key(),
          "Bearer",
          "Bearer  " + fuzzer.key() + "  ",
          "Token " + fuzzer.key(),
          fuzzer.key(),
          "Bearer " + fuzzer.key().toUpperCase(Locale.ROOT),
          "Bearer " + fuzzer.key() + "x",
          "Bearer eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jIn0."
        }));
      case 5 -> List.of("Bearer " + pick(GARBAGE_KEYS), "Bearer " + fuzzer.key());
      default ->
        target.admin() && random.nextBoolean()
            ? List.of("Bearer " + ADMIN)
            : List.of("Bearer " + fuzzer.key());
    };
  }

  private static final String[] GARBAGE_KEYS = {
    "",
    "cdz_",
    "cdz_" + "A".repeat(32),
    "cdz_" + "A".repeat(31) + "!",
    "cdz_" + "A".repeat(5000),
    "e2e-admin-key-0123456789abcdeF",
    "e2e-admin-key-0123456789abcdef ",
    "null",
    "undefined",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
    "a.b.c",
    "...",
    "%00",
    "\u00e9\u00e8",
    "' OR 1=1 --",
    "${jndi:ldap://x/a}",
    "x".repeat(7000),
  };

  private static final String[] GARBAGE_VALUES = {
    "",
    " ",
    "null",
    "-1",
    "0",
    "1e309",
    "NaN",
    "\u0000",
    "%00",
    "../..",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "${jndi:ldap://x/a}",
    "\u202e\u0644",
    "\ud83c\udfb5",
    "a".repeat(300),
    "x".repeat(9000),
    "\t",
    "1;2",
    "\"",
    "\\",
    "{}",
    "[]",
    "=?utf-8?b?w6k=?=",
  };

  private static final String[] ACCEPTS = {
    "application/xml",
    "text/html",
    "text/event-stream",
    "*/*",
    "garbage",
    "application/json;q=abc",
    "application/problem+json",
    "image/png",
    "application/json, text/plain;q=0.1",
    "",
    ";;;",
  };

  private String contentType() {
    return switch (random.nextInt(14)) {
      case 0 -> null;
      case 1 -> "text/plain";
      case 2 -> "application/xml";
      case 3 -> "multipart/form-data; boundary=xyz";
      case 4 -> "application/x-www-form-urlencoded";
      case 5 -> "garbage";
      case 6 -> "application/json; charset=utf-16";
      case 7 -> "application/json; charset=nonexistent-charset";
      case 8 -> "application/merge-patch+json";
      case 9 ->
        pick(new String[] {
          "*/*",
          "application/*",
          "application/json;;",
          "application/json; charset=\"",
          "application/json; boundary"
        });
      default -> "application/json";
    };
  }

  private String idempotencyKey() {
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> "x".repeat(1 + random.nextInt(7000));
      case 2 -> pick(GARBAGE_VALUES);
      case 3 -> "fixed-key";
      default -> Long.toHexString(random.nextLong());
    };
  }

  // -------------------------------------------------------------------------------- bodies

  private byte[] body(Target target) {
    int roll = random.nextInt(20);
    String json = switch (roll) {
      case 0 -> null;
      case 1 -> "";
      case 2 -> truncate(valid(target));
      case 3 -> deepNesting();
      case 4 -> "[" + valid(target) + "]";
      case 5 ->
        pick(new String[] {
          "null",
          "true",
          "42",
          "\"text\"",
          "[]",
          "{}",
          "[{}]",
          "{\"\":null}",
          "NaN",
          "{'type':'song'}",
          "{\"type\":\"song\",}",
          "{\"type\" \"song\"}",
          "\u0000{}",
          "\ufeff{}",
          "{\"type\":\"song\"}{\"type\":\"song\"}"
        });
      case 6 -> bigBody(target);
      case 7 -> "{\"type\":\"song\",\"input\":{\"description\":\"" + "9".repeat(100_000) + "\"}}";
      case 8 -> "{\"amount\":" + "9".repeat(5000) + ",\"type\":\"bonus\"}";
      default -> mutate(valid(target));
    };
    if (roll == 9 && json != null) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      // Invalid UTF-8 inside a string.
      byte[] broken = new byte[bytes.length + 3];
      System.arraycopy(bytes, 0, broken, 0, bytes.length);
      broken[bytes.length] = (byte) 0xC3;
      broken[bytes.length + 1] = (byte) 0x28;
      broken[bytes.length + 2] = (byte) 0xFF;
      return broken;
    }
    return json == null ? null : json.getBytes(StandardCharsets.UTF_8);
  }

  private String valid(Target target) {
    return switch (target.kind()) {
      case "user" ->
        "{\"email\":\"fuzz-" + Long.toHexString(random.nextLong())
            + "@example.com\",\"name\":" + text("Fuzz") + ",\"credits\":"
            + pick(new String[] {"0", "5", "-1", "1000000001", "1.5", "\"10\"", "null"}) + "}";
      case "credits" ->
        "{\"amount\":"
            + pick(new String[] {"1", "-1", "0", "1.5", "-9999999999", "\"5\"", "null", "1e3"})
            + ",\"type\":\""
            + pick(
                new String[] {"bonus", "purchase", "admin_adjust", "spend", "refund", "", "BONUS"})
            + "\",\"description\":" + text("gift") + "}";
      case "refund" ->
        "{\"amount\":"
            + pick(new String[] {"1", "-1", "0", "1.5", "10", "1000000001", "\"5\"", "null"})
            + ",\"reason\":"
            + pick(new String[] {
              "\"bad result\"",
              text("bad result"),
              "\"\"",
              "\" \"",
              "null",
              "1",
              "\"\\u0000\"",
              "\"" + "r".repeat(501) + "\""
            })
            + pick(new String[] {
              "",
              ",\"generationId\":\"" + othersGeneration + "\"",
              ",\"generationId\":\"gen_nothing\"",
              ",\"generationId\":\"\"",
              ",\"generationId\":1",
              ",\"generationId\":null"
            })
            + "}";
      case "batch" -> "{\"items\":[" + generation() + "," + generation() + "]}";
      default -> generation();
    };
  }

  /**
   * A JSON string for a text field: {@code usual} or, one time in three, text from the whole of
   * Unicode (NUL and other controls, lone surrogates, emoji, right-to-left...). Every text field
   * of a well-formed body draws from it: before, hostile text went only into headers, paths and
   * parameters (which Tomcat and the firewall refuse) and into one song field of one body in
   * sixteen, so text reached the database with a NUL too seldom for 3000 requests to find it.
   */
  private String text(String usual) {
    return HostileText.json(texts.nextInt(3) == 0 ? HostileText.next(texts) : usual);
  }

  private String generation() {
    String input = switch (random.nextInt(16)) {
      case 0 -> "{\"description\":" + text("rain") + "}";
      case 1 -> "{\"prompt\":" + text("jazz") + ",\"lyrics\":" + text("[Verse]\nla") + "}";
      case 2 ->
        "{\"description\":\"rain\",\"durationSeconds\":"
            + pick(new String[] {
              "9", "241", "-1", "20.5", "\"20\"", "1e400", "99999999999999999999999", "null", "true"
            })
            + "}";
      case 3 ->
        "{\"description\":\"rain\",\"guidanceScale\":"
            + pick(new String[] {"0", "21", "NaN", "\"7\"", "1e-400", "-0", "null", "[]"}) + "}";
      case 4 ->
        "{\"description\":"
            + pick(new String[] {
              "null",
              "1",
              "[]",
              "{}",
              "\"\"",
              "\"" + "x".repeat(3001) + "\"",
              "\"\\ud800\"",
              "\"\\u0000\"",
              "\"\u202e\ud83c\udfb5\""
            })
            + "}";
      case 5 ->
        "{\"description\":\"rain\",\"seed\":"
            + pick(new String[] {"-1", "9223372036854775808", "1.5", "\"x\"", "null"})
            + ",\"unknown\":{\"deep\":[1,2,3]}}";
      case 6 -> "[]";
      case 7 -> "null";
      case 8 ->
        "{\"prompt\":" + text("fox") + ",\"width\":"
            + pick(new String[] {"255", "1537", "512.5", "\"512\"", "-1", "1e9", "null"}) + "}";
      case 9 ->
        "{\"imageUrl\":"
            + pick(new String[] {
              "\"http://169.254.169.254/latest/meta-data\"",
              "\"http://[::ffff:10.0.0.1]/a.png\"",
              "\"http://0x7f000001/a.png\"",
              "\"http://2130706433/a.png\"",
              "\"file:///etc/passwd\"",
              "\"gopher://x\"",
              "\"http://user:pw@example.com/a.png\"",
              "\"https://example.com/" + "a".repeat(2100) + "\"",
              "\"http://%zz\"",
              "\"http://exa mple.com/\"",
              "\"https://example.com/a.png\"",
              "[]",
              "7"
            })
            + pick(new String[] {
              "", ",\"prompt\":" + text("owl"), ",\"style\":" + text(""), ",\"style\":{}"
            })
            + "}";
      case 10 -> "{\"prompt\":\"owl\",\"style\":\"" + "s".repeat(201) + "\"}";
      case 11 ->
        "{\"timeline\":"
            + pick(new String[] {
              "null",
              "[]",
              "\"t\"",
              "{}",
              "{\"width\":1e9,\"height\":-2,\"fps\":0.5,\"durationSeconds\":\"NaN\"}",
              "{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,\"tracks\":{}}",
              "{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,\"tracks\":[null,1,[]]}"
            })
            + "}";
      case 12 ->
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,"
            + "\"tracks\":[{\"type\":"
            + pick(new String[] {
              "\"video\"", "\"image\"", "\"text\"", "\"audio\"", "\"smell\"", "null", "3"
            })
            + ",\"clips\":[{\"start\":"
            + pick(new String[] {"0", "-1", "2", "1e400", "\"0\"", "null"})
            + ",\"duration\":"
            + pick(new String[] {"1", "0", "-5", "61", "null", "[]"})
            + pick(new String[] {
              "",
              ",\"text\":" + text("hi"),
              ",\"color\":\"#fff\"",
              ",\"color\":\"red\"",
              ",\"sourceUrl\":\"https://example.com/a.png\"",
              ",\"sourceUrl\":\"http://127.0.0.1:1/x\"",
              ",\"sourceUrl\":\"http://10.1.2.3/x.wav\"",
              ",\"text\":\"" + "t".repeat(501) + "\""
            })
            + "}]}]}}";
      case 13 ->
        "{\"timeline\":{\"width\":320,\"height\":240,\"fps\":24,\"durationSeconds\":1},"
            + "\"publishTo\":"
            + pick(new String[] {
              "[{\"platform\":\"webhook\",\"url\":\"https://example.com/hook\"}]",
              "[{\"platform\":\"webhook\",\"url\":\"http://169.254.169.254/\"}]",
              "[{\"platform\":\"ftp\",\"url\":\"https://example.com/\"}]",
              "[{}, {}, {}, {}, {}, {}]",
              "{\"platform\":\"webhook\"}",
              "[null]"
            })
            + "}";
      case 14 ->
        "{\"timeline\":{\"width\":320,\"height\":240,\"fps\":24,\"durationSeconds\":1,"
            + "\"tracks\":[" + "{\"type\":\"text\",\"clips\":[]},".repeat(20) + "{}]}}";
      default ->
        "{\"timeline\":{\"width\":320,\"height\":240,\"fps\":24,\"durationSeconds\":1,"
            + "\"tracks\":[{\"type\":\"text\",\"clips\":["
            + "{\"start\":0,\"duration\":1,\"text\":\"x\"},".repeat(250)
            + "{\"start\":0,\"duration\":1,\"text\":\"x\"}]}]}}";
    };
    String type = pick(new String[] {
      "\"song\"",
      "\"song\"",
      "\"image\"",
      "\"image\"",
      "\"render\"",
      "\"render\"",
      "\"image-to-3d\"",
      "\"image-to-3d\"",
      "\"movie\"",
      "null",
      "1",
      "[\"song\"]",
      "\"SONG\"",
      "\"\""
    });
    StringBuilder json = new StringBuilder("{\"type\":" + type + ",\"input\":" + input);
    if (random.nextInt(4) == 0) {
      json.append(",\"webhook\":").append(pick(new String[] {
        "\"http://127.0.0.1:1/x\"",
        "\"ftp://x\"",
        "\"not a url\"",
        "1",
        "null",
        "\"http://169.254.169.254/latest\"",
        "\"https://example.com/" + "x".repeat(3000) + "\""
      }));
    }
    if (random.nextInt(4) == 0) {
      json.append(",\"webhookEvents\":").append(pick(new String[] {
        "[\"started\"]", "[\"nope\"]", "\"started\"", "[1,2]", "[null]", "{}"
      }));
    }
    if (random.nextInt(4) == 0) {
      json.append(",\"extra\":").append(pick(new String[] {"1", "{\"a\":[]}", "\"x\"", "null"}));
    }
    return json.append("}").toString();
  }

  private String mutate(String json) {
    return switch (random.nextInt(8)) {
      case 0 ->
        json.replace(
            "\"song\"",
            "\"" + pick(GARBAGE_VALUES).replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
      case 1 -> json.replace(":", ": ").replace("{", "{\"dup\":1,\"dup\":2,");
      case 2 -> json.replaceFirst("\\{", "{\"type\":\"song\",");
      case 3 -> json.replace("\"", "'");
      default -> json;
    };
  }

  private String truncate(String json) {
    return json.substring(0, random.nextInt(Math.max(1, json.length())));
  }

  private String deepNesting() {
    int depth = 1000 + random.nextInt(100_000);
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    return "{\"type\":\"song\",\"input\":" + open.repeat(depth) + "1"
        + close.repeat(random.nextBoolean() ? depth : depth / 2) + "}";
  }

  private String bigBody(Target target) {
    // About 2 MB: over the 1 MB cap, within what Tomcat swallows after an early answer.
    int size = random.nextBoolean() ? 2_000_000 : MAX_BODY - 200 + random.nextInt(400);
    String filler = "x".repeat(size);
    return switch (random.nextInt(3)) {
      case 0 -> "{\"type\":\"song\",\"input\":{\"description\":\"" + filler + "\"}}";
      case 1 -> "[" + "1,".repeat(size / 2) + "1]";
      default -> filler;
    };
  }

  // ---------------------------------------------------------------- requests over a raw socket

  private Sent rawRequest(int index, byte[][] out) {
    String method = pick(new String[] {
      "GET", "POST", "GET", "PUT", "TRACE", "CONNECT", "G\u00c9T", "GET\t", "", "POST"
    });
    String path = switch (random.nextInt(10)) {
      case 0 -> "/v1/generations/%ZZ";
      case 1 -> "/v1/me%";
      case 2 -> "/v1/generations/" + "\u00e9\u263a";
      case 3 -> "/v1/me?limit=%G0";
      case 4 -> "*";
      case 5 -> "http://evil.example/v1/me";
      case 6 -> "/v1/generations/x y";
      case 7 -> "/v1/" + "a".repeat(9000);
      case 8 -> "/v1/me\\..\\admin";
      default ->
        pick(
            new String[] {"/v1/me", "/v1/generations", "/v1/admin/users", "/v1/credits/transactions"
            });
    };
    String version = pick(
        new String[] {"HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "", "FOO/1.1"});
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(' ').append(version).append("\r\n");
    head.append("Host: localhost\r\n");
    Map<String, List<String>> headers = new TreeMap<>();
    String auth = pick(new String[] {
      "Bearer " + fuzzer.key(),
      "Bearer " + ADMIN,
      "Bearer \u00e9",
      "",
      "Bearer " + fuzzer.key() + "\u0000"
    });
    add(headers, "Authorization", auth);
    byte[] body = random.nextBoolean()
        ? valid(new Target("POST", path, random.nextBoolean() ? "generation" : "credits", false))
            .getBytes(StandardCharsets.UTF_8)
        : new byte[0];
    switch (random.nextInt(8)) {
      case 0 -> {
        // Content-Length that lies (longer than the body): the server waits, then times out.
        add(headers, "Content-Length", Integer.toString(body.length + 10));
      }
      case 1 ->
        add(headers, "Content-Length", pick(new String[] {
          "-1", "abc", "99999999999999999999", "1, 2"
        }));
      case 2 -> {
        add(headers, "Transfer-Encoding", "chunked");
        body = chunked(body, random.nextBoolean());
      }
      case 3 -> {
        add(headers, "Transfer-Encoding", "chunked");
        add(headers, "Content-Length", Integer.toString(body.length));
      }
      case 4 -> add(headers, "X-Huge", "h".repeat(10_000));
      case 5 -> add(headers, "Bad Header", "x");
      default -> add(headers, "Content-Length", Integer.toString(body.length));
    }
    add(
        headers,
        "Content-Type",
        random.nextBoolean()
            ? "application/json"
            : "application/json; charset="
                + pick(new String[] {"utf-8", "latin1", "nope", "utf-32", "\"x"}));
    add(headers, "Connection", "close");
    headers.forEach((name, values) ->
        values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n")));
    head.append("\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] request = new byte[start.length + body.length];
    System.arraycopy(start, 0, request, 0, start.length);
    System.arraycopy(body, 0, request, start.length, body.length);
    out[0] = request;
    return new Sent(index, method, path, headers, preview(body), body.length, true);
  }

  private byte[] chunked(byte[] body, boolean wellFormed) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (!wellFormed) {
      return (pick(new String[] {"zz", "-5", "ffffffffffffffff", ""}) + "\r\n" + text
              + "\r\n0\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8);
    }
    return (Integer.toHexString(body.length) + "\r\n" + text + "\r\n0\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Null when the server closed the connection without an answer. */
  private Received sendRaw(byte[] request) throws IOException {
    StackClient.Answer answer = StackClient.raw(port, request);
    return answer == null
        ? null
        : new Received(answer.status(), answer.contentType(), answer.text());
  }

  // -------------------------------------------------------------------------------- helpers

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static void add(Map<String, List<String>> headers, String name, String value) {
    headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
  }

  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String preview(byte[] body) {
    return new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text, int max) {
    if (text == null) {
      return "null";
    }
    String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
    return oneLine.length() <= max
        ? oneLine
        : oneLine.substring(0, max) + "...(" + text.length() + ")";
  }
}
