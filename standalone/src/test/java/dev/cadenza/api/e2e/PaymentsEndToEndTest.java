package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import dev.cadenza.credits.LedgerAudit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Buying credits over HTTP: packages, a Checkout Session created on Stripe's own mock server
 * (stripe-mock), and Stripe's webhook deliveries built and signed here exactly as Stripe signs
 * them ({@code Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">}), delivered
 * repeatedly, concurrently, out of order, forged and stale.
 */
class PaymentsEndToEndTest extends EmbeddedStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  DataSource dataSource;

  private ApiClient api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() {
    StripeMock.require();
    api = new ApiClient(port);
  }

  @AfterEach
  void ledgerStaysConsistent() {
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  @Test
  void packagesAreListedWithoutAKey() {
    ApiClient.Response packages = api.get("/v1/credits/packages", null);
    assertThat(packages.status()).isEqualTo(200);
    JsonNode starter = packages.body().path("data").get(0);
    assertThat(starter.path("id").asText()).isEqualTo("starter");
    assertThat(starter.path("name").asText()).isEqualTo("Starter");
    assertThat(starter.path("credits").asLong()).isEqualTo(100);
    assertThat(starter.path("price").path("amount").asLong()).isEqualTo(500);
    assertThat(starter.path("price").path("currency").asText()).isEqualTo("usd");
  }

  @Test
  void checkoutCreatesAStripeSessionForTheCaller() {
    String key = api.signUp(0);
    ApiClient.Response created = checkout(key, "starter");
    assertThat(created.status()).isEqualTo(201);
    String sessionId = created.body().path("id").asText();
    assertThat(sessionId).startsWith("cs_");
    assertThat(created.body().path("url").asText()).startsWith("https://");
    Map<String, Object> row = JdbcClient.create(dataSource)
        .sql("select user_id, package_id, credits, status from checkout_sessions where id = ?")
        .param(sessionId)
        .query()
        .singleRow();
    assertThat(row)
        .containsEntry("user_id", userId(key))
        .containsEntry("package_id", "starter")
        .containsEntry("credits", 100L)
        .containsEntry("status", "open");
    // Creating a session credits nothing: only Stripe's word that it was paid does.
    assertThat(balance(key)).isZero();
  }

  @Test
  void checkoutRefusesBadRequestsNamingTheField() {
    String key = api.signUp(0);
    assertValidation(
        api.post("/v1/credits/checkout", key, body("gold", "https://a.example/ok", null)),
        "packageId",
        "cancelUrl");
    assertValidation(
        api.post(
            "/v1/credits/checkout",
            key,
            body("starter", "javascript:alert(1)", "ftp://a.example/no")),
        "successUrl",
        "cancelUrl");
    assertValidation(
        api.post("/v1/credits/checkout", key, body("starter", "/relative", "https://a.example")),
        "successUrl");
    assertThat(api.post("/v1/credits/checkout", null, body("starter", "https://a", "https://b"))
            .status())
        .isEqualTo(401);
    assertThat(api.post("/v1/credits/checkout", ADMIN, body("starter", "https://a", "https://b"))
            .status())
        .isEqualTo(403);
    assertThat(balance(key)).isZero();
  }

  @Test
  void aPaidSessionIsCreditedOnceHoweverOftenStripeDeliversIt() throws Exception {
    String key = api.signUp(0);
    Purchase purchase = buy(key, "starter");
    String event = completedEvent("evt_" + UUID.randomUUID(), purchase, Stripe.API_VERSION);
    for (int delivery = 0; delivery < 3; delivery++) {
      Delivery answer = deliver(event, signature(event, Instant.now(), StripeMock.WEBHOOK_SECRET));
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }
    // Stripe may also send the same session in another event (a new event id): still once.
    String again = completedEvent("evt_" + UUID.randomUUID(), purchase, Stripe.API_VERSION);
    assertThat(deliver(again, signature(again, Instant.now(), StripeMock.WEBHOOK_SECRET))
            .status())
        .isEqualTo(200);

    List<JsonNode> purchases = transactions(key, "purchase");
    assertThat(purchases).hasSize(1);
    assertThat(purchases.getFirst().path("amount").asLong()).isEqualTo(100);
    assertThat(purchases.getFirst().path("referenceId").asText()).isEqualTo(purchase.sessionId());
    assertThat(balance(key)).isEqualTo(100);
  }

  @Test
  void eightConcurrentDuplicateDeliveriesCreditOnce() throws Exception {
    String key = api.signUp(0);
    Purchase purchase = buy(key, "creator");
    String event = completedEvent("evt_" + UUID.randomUUID(), purchase, Stripe.API_VERSION);
    String header = signature(event, Instant.now(), StripeMock.WEBHOOK_SECRET);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Delivery>> deliveries = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        deliveries.add(pool.submit(() -> {
          start.await();
          return deliver(event, header);
        }));
      }
      start.countDown();
      for (Future<Delivery> delivery : deliveries) {
        assertThat(delivery.get().status()).as(delivery.get().body()).isEqualTo(200);
      }
    }
    assertThat(transactions(key, "purchase")).hasSize(1);
    assertThat(balance(key)).isEqualTo(500);
  }

  @Test
  void forgedStaleAndUnattributableDeliveriesAreRefusedAndCreditNothing() throws Exception {
    String key = api.signUp(0);
    Purchase purchase = buy(key, "starter");
    String event = completedEvent("evt_" + UUID.randomUUID(), purchase, Stripe.API_VERSION);

    Delivery forged = deliver(event, signature(event, Instant.now(), "whsec_not_the_secret"));
    assertProblem(forged, 400, "INVALID_SIGNATURE");
    Delivery stale = deliver(
        event, signature(event, Instant.now().minusSeconds(301), StripeMock.WEBHOOK_SECRET));
    assertProblem(stale, 400, "INVALID_SIGNATURE");
    Delivery unsigned = deliver(event, null);
    assertProblem(unsigned, 400, "INVALID_SIGNATURE");
    // A correct signature of other bytes: the body was altered on the way.
    String tampered = event.replace("\"amount_total\":500", "\"amount_total\":5");
    Delivery altered =
        deliver(tampered, signature(event, Instant.now(), StripeMock.WEBHOOK_SECRET));
    assertProblem(altered, 400, "INVALID_SIGNATURE");
    assertThat(balance(key)).isZero();

    // Signed, but for a package not on sale and a session this service never created.
    Purchase unknown = new Purchase(
        "cs_test_" + UUID.randomUUID().toString().replace("-", ""),
        "pi_" + UUID.randomUUID().toString().replace("-", ""),
        purchase.userId(),
        "platinum",
        500);
    String foreign = completedEvent("evt_" + UUID.randomUUID(), unknown, Stripe.API_VERSION);
    assertProblem(
        deliver(foreign, signature(foreign, Instant.now(), StripeMock.WEBHOOK_SECRET)),
        422,
        "UNKNOWN_PACKAGE");
    assertThat(balance(key)).isZero();
    assertThat(api.get("/v1/credits/transactions", key).body().path("data")).isEmpty();

    // The genuine delivery still works after all that, once; its replay changes nothing.
    assertThat(deliver(event, signature(event, Instant.now(), StripeMock.WEBHOOK_SECRET))
            .status())
        .isEqualTo(200);
    Delivery replay = deliver(event, signature(event, Instant.now(), StripeMock.WEBHOOK_SECRET));
    assertThat(replay.status()).isEqualTo(200);
    assertThat(JSON.readTree(replay.body()).path("result").asText()).isEqualTo("already_handled");
    assertThat(balance(key)).isEqualTo(100);
  }

  @Test
  void aFullRefundTakesTheCreditsBackOnce() throws Exception {
    String key = api.signUp(0);
    Purchase purchase = buy(key, "starter");
    deliverSigned(completedEvent("evt_" + UUID.randomUUID(), purchase, Stripe.API_VERSION));
    assertThat(balance(key)).isEqualTo(100);

    String refund = refundEvent("evt_" + UUID.randomUUID(), purchase, Stripe.API_VERSION);
    deliverSigned(refund);
    deliverSigned(refund);
    deliverSigned(refundEvent("evt_" + UUID.randomUUID(), purchase, Stripe.API_VERSION));

    List<JsonNode> adjustments = transactions(key, "admin_adjust");
    assertThat(adjustments).hasSize(1);
    assertThat(adjustments.getFirst().path("amount").asLong()).isEqualTo(-100);
    assertThat(adjustments.getFirst().path("referenceId").asText())
        .isEqualTo("refund:" + purchase.sessionId());
    assertThat(balance(key)).isZero();
    assertThat(shortfall(purchase.sessionId())).isNull();
  }

  @Test
  void aRefundDeliveredBeforeItsCompletionEndsTheSame() throws Exception {
    String key = api.signUp(0);
    Purchase purchase = buy(key, "starter");
    // Without an API version, then with an older one than the library's: read all the same.
    deliverSigned(refundEvent("evt_" + UUID.randomUUID(), purchase, null));
    assertThat(api.get("/v1/credits/transactions", key).body().path("data")).isEmpty();

    String completed = completedEvent("evt_" + UUID.randomUUID(), purchase, "2020-08-27");
    deliverSigned(completed);
    deliverSigned(completed);

    assertThat(transactions(key, "purchase")).hasSize(1);
    List<JsonNode> adjustments = transactions(key, "admin_adjust");
    assertThat(adjustments).hasSize(1);
    assertThat(adjustments.getFirst().path("amount").asLong()).isEqualTo(-100);
    assertThat(balance(key)).isZero();
  }

  @Test
  void aCompletionAndItsRefundDeliveredAtTheSameTimeEndTheSame() throws Exception {
    String key = api.signUp(0);
    List<Purchase> purchases = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      purchases.add(buy(key, "starter"));
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Delivery>> deliveries = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Purchase purchase : purchases) {
        for (String event : List.of(
            completedEvent("evt_" + UUID.randomUUID(), purchase, Stripe.API_VERSION),
            refundEvent("evt_" + UUID.randomUUID(), purchase, Stripe.API_VERSION))) {
          String header = signature(event, Instant.now(), StripeMock.WEBHOOK_SECRET);
          deliveries.add(pool.submit(() -> {
            start.await();
            return deliver(event, header);
          }));
        }
      }
      start.countDown();
      for (Future<Delivery> delivery : deliveries) {
        assertThat(delivery.get().status()).as(delivery.get().body()).isEqualTo(200);
      }
    }
    // Whichever won each race: every purchase credited once and taken back once.
    assertThat(transactions(key, "purchase")).hasSize(4);
    assertThat(transactions(key, "admin_adjust"))
        .hasSize(4)
        .allSatisfy(t -> assertThat(t.path("amount").asLong()).isEqualTo(-100));
    assertThat(balance(key)).isZero();
  }

  @Test
  void aRefundOfCreditsAlreadySpentTakesWhatIsLeftAndReportsTheRest() throws Exception {
    String key = api.signUp(0);
    Purchase purchase = buy(key, "starter");
    deliverSigned(completedEvent("evt_" + UUID.randomUUID(), purchase, Stripe.API_VERSION));
    // Spend some of the purchase on a real generation.
    ApiClient.Response image = api.post(
        "/v1/generations",
        key,
        "{\"type\":\"image\",\"input\":{\"prompt\":\"a paid-for fox\",\"width\":256,\"height\":256}}");
    assertThat(image.status()).isEqualTo(201);
    long cost = image.body().path("cost").asLong();
    String id = image.body().path("id").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> api.get("/v1/generations/" + id, key)
            .body()
            .path("status")
            .asText()
            .equals("succeeded"));
    assertThat(balance(key)).isEqualTo(100 - cost);

    deliverSigned(refundEvent("evt_" + UUID.randomUUID(), purchase, Stripe.API_VERSION));

    List<JsonNode> adjustments = transactions(key, "admin_adjust");
    assertThat(adjustments).hasSize(1);
    assertThat(adjustments.getFirst().path("amount").asLong()).isEqualTo(-(100 - cost));
    assertThat(balance(key)).isZero();
    Map<String, Object> shortfall = shortfall(purchase.sessionId());
    assertThat(shortfall)
        .containsEntry("credits", 100L)
        .containsEntry("taken_back", 100 - cost)
        .containsEntry("shortfall", cost);
    String metrics = new String(
        api.download("http://localhost:" + port + "/actuator/prometheus").bytes(),
        StandardCharsets.UTF_8);
    // Operators see it too: the counter has at least this shortfall (other tests add theirs).
    double counted = metrics
        .lines()
        .filter(line -> line.startsWith("cadenza_payments_refund_shortfall_credits_total"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
    assertThat(counted).isGreaterThanOrEqualTo(cost);
  }

  // ---- helpers ----

  private record Purchase(
      String sessionId, String paymentIntent, String userId, String packageId, long amount) {}

  private record Delivery(int status, String contentType, String body) {}

  /** A Checkout Session created through the API (on stripe-mock), as Stripe will report it paid. */
  private Purchase buy(String key, String packageId) {
    ApiClient.Response created = checkout(key, packageId);
    assertThat(created.status()).isEqualTo(201);
    long amount = packageId.equals("starter") ? 500 : 2000;
    return new Purchase(
        created.body().path("id").asText(),
        // stripe-mock answers one fixed payment intent for every session: make each unique, as
        // Stripe does when the customer pays.
        "pi_" + UUID.randomUUID().toString().replace("-", ""),
        userId(key),
        packageId,
        amount);
  }

  private ApiClient.Response checkout(String key, String packageId) {
    return api.post(
        "/v1/credits/checkout",
        key,
        body(packageId, "https://app.example/paid", "https://app.example/canceled"));
  }

  private static String body(String packageId, String successUrl, String cancelUrl) {
    ObjectNode body = JSON.createObjectNode().put("packageId", packageId);
    body.put("successUrl", successUrl);
    if (cancelUrl != null) {
      body.put("cancelUrl", cancelUrl);
    }
    return body.toString();
  }

  private static String completedEvent(String eventId, Purchase purchase, String apiVersion) {
    ObjectNode session = JSON.createObjectNode()
        .put("id", purchase.sessionId())
        .put("object", "checkout.session")
        .put("mode", "payment")
        .put("status", "complete")
        .put("payment_status", "paid")
        .put("client_reference_id", purchase.userId())
        .put("payment_intent", purchase.paymentIntent())
        .put("amount_total", purchase.amount())
        .put("currency", "usd");
    session
        .putObject("metadata")
        .put("packageId", purchase.packageId())
        .put("userId", purchase.userId());
    return event(eventId, "checkout.session.completed", apiVersion, session);
  }

  private static String refundEvent(String eventId, Purchase purchase, String apiVersion) {
    ObjectNode charge = JSON.createObjectNode()
        .put("id", "ch_" + purchase.paymentIntent().substring(3))
        .put("object", "charge")
        .put("amount", purchase.amount())
        .put("amount_refunded", purchase.amount())
        .put("refunded", true)
        .put("currency", "usd")
        .put("payment_intent", purchase.paymentIntent());
    return event(eventId, "charge.refunded", apiVersion, charge);
  }

  private static String event(String id, String type, String apiVersion, ObjectNode object) {
    ObjectNode event = JSON.createObjectNode()
        .put("id", id)
        .put("object", "event")
        .put("created", Instant.now().getEpochSecond())
        .put("livemode", false)
        .put("pending_webhooks", 1)
        .put("type", type);
    if (apiVersion != null) {
      event.put("api_version", apiVersion);
    }
    event.putObject("data").set("object", object);
    return event.toString();
  }

  /** Stripe's scheme: {@code t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>}. */
  private static String signature(String payload, Instant at, String secret) throws Exception {
    long timestamp = at.getEpochSecond();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
  }

  private void deliverSigned(String event) throws Exception {
    Delivery answer = deliver(event, signature(event, Instant.now(), StripeMock.WEBHOOK_SECRET));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  private Delivery deliver(String payload, String signature) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/v1/webhooks/stripe"))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(payload));
    if (signature != null) {
      request.header("Stripe-Signature", signature);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Delivery(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  private static void assertProblem(Delivery delivery, int status, String code) throws Exception {
    assertThat(delivery.status()).as(delivery.body()).isEqualTo(status);
    assertThat(delivery.contentType()).startsWith("application/problem+json");
    assertThat(JSON.readTree(delivery.body()).path("code").asText()).isEqualTo(code);
  }

  private static void assertValidation(ApiClient.Response response, String... fields) {
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    List<String> named = new ArrayList<>();
    response.body().path("errors").forEach(e -> named.add(e.path("field").asText()));
    assertThat(named).containsExactlyInAnyOrder(fields);
  }

  private String userId(String key) {
    return api.get("/v1/me", key).body().path("id").asText();
  }

  private long balance(String key) {
    return api.get("/v1/me", key).body().path("credits").path("balance").asLong();
  }

  private List<JsonNode> transactions(String key, String type) {
    List<JsonNode> found = new ArrayList<>();
    api.get("/v1/credits/transactions?limit=100", key).body().path("data").forEach(t -> {
      if (t.path("type").asText().equals(type)) {
        found.add(t);
      }
    });
    return found;
  }

  private Map<String, Object> shortfall(String sessionId) {
    return JdbcClient.create(dataSource)
        .sql("select credits, taken_back, shortfall from payment_refund_shortfalls"
            + " where session_id = ?")
        .param(sessionId)
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElse(null);
  }
}
