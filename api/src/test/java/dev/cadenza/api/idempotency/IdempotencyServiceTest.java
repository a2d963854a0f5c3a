package dev.cadenza.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.testsupport.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idempotent creates on a real PostgreSQL, with a counting create in place of a generation. */
class IdempotencyServiceTest {
  private static final String ENDPOINT = "POST /v1/things";
  private static final ObjectMapper JSON = new ObjectMapper();

  static JdbcClient jdbc;
  static IdempotencyStore store;
  static IdempotencyService service;

  private final AtomicInteger creates = new AtomicInteger();
  private String user;

  @BeforeAll
  static void db() {
    jdbc = JdbcClient.create(TestDatabase.fresh());
    store = new IdempotencyStore(jdbc, JSON);
    service = new IdempotencyService(store, JSON, Duration.ofMillis(600));
  }

  @BeforeEach
  void newUser() {
    user = "usr_" + UUID.randomUUID();
  }

  @Test
  void withoutAKeyEveryRequestCreates() {
    service.execute(user, null, ENDPOINT, body("{\"a\":1}"), this::create);
    service.execute(user, null, ENDPOINT, body("{\"a\":1}"), this::create);

    assertThat(creates).hasValue(2);
  }

  @Test
  void aRetryGetsTheFirstAnswerAndCreatesNothing() {
    ResponseEntity<?> first =
        service.execute(user, "k1", ENDPOINT, body("{\"a\":1,\"b\":[1,2]}"), this::create);
    // Member order and spacing do not make another request.
    ResponseEntity<?> retry =
        service.execute(user, "k1", ENDPOINT, body("{ \"b\": [1, 2], \"a\": 1 }"), this::create);

    assertThat(creates).hasValue(1);
    assertThat(first.getHeaders().containsKey(IdempotencyService.REPLAYED_HEADER))
        .isFalse();
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(retry.getBody()).isEqualTo(first.getBody());
    assertThat(retry.getHeaders().getFirst(IdempotencyService.REPLAYED_HEADER)).isEqualTo("true");
    assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
  }

  @Test
  void theSameKeyWithAnotherRequestIsAConflict() {
    service.execute(user, "k1", ENDPOINT, body("{\"a\":1}"), this::create);

    assertConflict(() -> service.execute(user, "k1", ENDPOINT, body("{\"a\":2}"), this::create));
    assertConflict(
        () -> service.execute(user, "k1", "POST /v1/others", body("{\"a\":1}"), this::create));
    assertThat(creates).hasValue(1);
  }

  @Test
  void keysArePerUser() {
    String other = "usr_" + UUID.randomUUID();
    ResponseEntity<?> mine =
        service.execute(user, "shared", ENDPOINT, body("{\"a\":1}"), this::create);
    ResponseEntity<?> theirs =
        service.execute(other, "shared", ENDPOINT, body("{\"a\":2}"), this::create);

    assertThat(creates).hasValue(2);
    assertThat(theirs.getBody()).isNotEqualTo(mine.getBody());
  }

  @Test
  void aClientErrorIsStoredAndReplayed() {
    Supplier<ResponseEntity<ObjectNode>> unaffordable = () -> {
      creates.incrementAndGet();
      throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "INSUFFICIENT_CREDITS", "Too poor.");
    };
    assertThatThrownBy(() -> service.execute(user, "k", ENDPOINT, body("{}"), unaffordable))
        .isInstanceOf(ApiException.class);

    ResponseEntity<?> retry = service.execute(user, "k", ENDPOINT, body("{}"), this::create);

    assertThat(creates).hasValue(1);
    assertThat(retry.getStatusCode().value()).isEqualTo(402);
    assertThat(retry.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(retry.getHeaders().getFirst(IdempotencyService.REPLAYED_HEADER)).isEqualTo("true");
    assertThat(((JsonNode) retry.getBody()).path("code").asText())
        .isEqualTo("INSUFFICIENT_CREDITS");
    assertThat(((JsonNode) retry.getBody()).path("status").asInt()).isEqualTo(402);
    assertThat(((JsonNode) retry.getBody()).path("detail").asText()).isEqualTo("Too poor.");
    assertThat(((JsonNode) retry.getBody()).path("type").asText())
        .isEqualTo("urn:cadenza:problem:insufficient-credits");
  }

  @Test
  void aValidationProblemIsReplayedWithItsErrors() {
    Supplier<ResponseEntity<ObjectNode>> invalid = () -> {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "VALIDATION_FAILED",
          "Bad.",
          List.of(new FieldProblem("z", "is wrong"), new FieldProblem("a", "is missing")));
    };
    assertThatThrownBy(() -> service.execute(user, "k", ENDPOINT, body("{}"), invalid))
        .isInstanceOf(ApiException.class);

    JsonNode errors = ((JsonNode)
            service.execute(user, "k", ENDPOINT, body("{}"), this::create).getBody())
        .path("errors");

    assertThat(errors.path(0).path("field").asText()).isEqualTo("a");
    assertThat(errors.path(1).path("message").asText()).isEqualTo("is wrong");
  }

  @Test
  void aServerErrorOrAnExceptionFreesTheKeyForARetry() {
    Supplier<ResponseEntity<ObjectNode>> unavailable = () -> {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", "Down.");
    };
    Supplier<ResponseEntity<ObjectNode>> broken = () -> {
      throw new IllegalStateException("bug");
    };
    assertThatThrownBy(() -> service.execute(user, "k", ENDPOINT, body("{}"), unavailable))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> service.execute(user, "k", ENDPOINT, body("{}"), broken))
        .isInstanceOf(IllegalStateException.class);

    ResponseEntity<?> retry = service.execute(user, "k", ENDPOINT, body("{}"), this::create);

    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(retry.getHeaders().containsKey(IdempotencyService.REPLAYED_HEADER))
        .isFalse();
    assertThat(creates).hasValue(1);
  }

  @Test
  void aDuplicateWaitsForTheRunningFirstAndGetsItsAnswer() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<ResponseEntity<?>> first =
          threads.submit(() -> service.execute(user, "k", ENDPOINT, body("{}"), () -> {
            running.countDown();
            await(finish);
            return create();
          }));
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      Future<ResponseEntity<?>> duplicate =
          threads.submit(() -> service.execute(user, "k", ENDPOINT, body("{}"), this::create));
      Thread.sleep(150);
      finish.countDown();

      assertThat(duplicate.get().getBody()).isEqualTo(first.get().getBody());
      assertThat(duplicate.get().getHeaders().getFirst(IdempotencyService.REPLAYED_HEADER))
          .isEqualTo("true");
    }
    assertThat(creates).hasValue(1);
  }

  @Test
  void aDuplicateThatOutwaitsTheFirstGetsA409() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<ResponseEntity<?>> first =
          threads.submit(() -> service.execute(user, "k", ENDPOINT, body("{}"), () -> {
            running.countDown();
            await(finish);
            return create();
          }));
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> service.execute(user, "k", ENDPOINT, body("{}"), this::create))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.getMessage()).contains("in progress");
          });
      finish.countDown();
      assertThat(first.get().getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }
    assertThat(creates).hasValue(1);
  }

  @Test
  void aClaimWhoseProcessDiedIsTakenOverOnceItsLeaseRunsOut() throws Exception {
    Duration lease = Duration.ofMillis(300);
    IdempotencyService dying =
        new IdempotencyService(store, JSON, Duration.ZERO, lease, Duration.ZERO);
    IdempotencyService survivor =
        new IdempotencyService(store, JSON, Duration.ofSeconds(3), lease, Duration.ZERO);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      threads.submit(() -> dying.execute(user, "k", ENDPOINT, body("{}"), () -> {
        running.countDown();
        await(never);
        return create();
      }));
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      // Its process is gone: nothing renews the claim and its create never answers.
      dying.stop();

      ResponseEntity<?> retry = survivor.execute(user, "k", ENDPOINT, body("{}"), this::create);
      ResponseEntity<?> again = survivor.execute(user, "k", ENDPOINT, body("{}"), this::create);

      assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
      assertThat(creates).hasValue(1);
      assertThat(again.getBody()).isEqualTo(retry.getBody());
      assertThat(again.getHeaders().getFirst(IdempotencyService.REPLAYED_HEADER))
          .isEqualTo("true");
      never.countDown();
    } finally {
      survivor.stop();
    }
  }

  @Test
  void aRunningFirstRequestKeepsItsClaimLongerThanTheLease() throws Exception {
    Duration lease = Duration.ofMillis(300);
    IdempotencyService short1 =
        new IdempotencyService(store, JSON, Duration.ofSeconds(5), lease, Duration.ZERO);
    CountDownLatch running = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<ResponseEntity<?>> first =
          threads.submit(() -> short1.execute(user, "k", ENDPOINT, body("{}"), () -> {
            running.countDown();
            sleep(lease.toMillis() * 4);
            return create();
          }));
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      ResponseEntity<?> duplicate = short1.execute(user, "k", ENDPOINT, body("{}"), this::create);

      assertThat(duplicate.getBody()).isEqualTo(first.get().getBody());
      assertThat(duplicate.getHeaders().getFirst(IdempotencyService.REPLAYED_HEADER))
          .isEqualTo("true");
    } finally {
      short1.stop();
    }
    assertThat(creates).hasValue(1);
  }

  @Test
  void twentyConcurrentDuplicatesCreateOnce() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ResponseEntity<?>>> answers = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(20)) {
      for (int i = 0; i < 20; i++) {
        answers.add(threads.submit(() -> {
          start.await();
          return service.execute(user, "k", ENDPOINT, body("{\"a\":1}"), () -> {
            sleep(100);
            return create();
          });
        }));
      }
      start.countDown();
      JsonNode firstBody = (JsonNode) answers.get(0).get().getBody();
      for (Future<ResponseEntity<?>> answer : answers) {
        assertThat(answer.get().getBody()).isEqualTo(firstBody);
      }
    }
    assertThat(creates).hasValue(1);
  }

  @Test
  void aKeyOlderThan24HoursCountsAsAbsentAndIsCleanedUp() {
    service.execute(user, "old", ENDPOINT, body("{\"a\":1}"), this::create);
    service.execute(user, "new", ENDPOINT, body("{\"a\":1}"), this::create);
    jdbc.sql("update idempotency_keys set created_at = now() - interval '25 hours'"
            + " where user_id = :user and key = 'old'")
        .param("user", user)
        .update();

    ResponseEntity<?> again =
        service.execute(user, "old", ENDPOINT, body("{\"a\":2}"), this::create);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(creates).hasValue(3);

    jdbc.sql("update idempotency_keys set created_at = now() - interval '25 hours'"
            + " where user_id = :user and key = 'old'")
        .param("user", user)
        .update();
    store.deleteExpired(IdempotencyService.TIME_TO_LIVE);

    assertThat(jdbc.sql("select key from idempotency_keys where user_id = :user")
            .param("user", user)
            .query(String.class)
            .list())
        .containsExactly("new");
  }

  @Test
  void malformedKeysAreRefusedWith400() {
    for (String key : new String[] {"", "x".repeat(256), "tab\there", "caf\u00e9", "nul\u0000"}) {
      assertThatThrownBy(() -> service.execute(user, key, ENDPOINT, body("{}"), this::create))
          .as("[%s]", key)
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(e.errors())
                .extracting(FieldProblem::field)
                .containsExactly("Idempotency-Key");
          });
    }
    for (String key :
        new String[] {"x".repeat(255), "a", " !~", UUID.randomUUID().toString()}) {
      IdempotencyService.checkKey(key);
    }
    assertThat(creates).hasValue(0);
  }

  @Test
  void theHashIsOfTheEndpointAndTheCanonicalBody() {
    assertThat(RequestHash.canonical(
            body("{ \"b\": {\"y\":1, \"x\":[{\"d\":1,\"c\":2}]}, \"a\": null }")))
        .isEqualTo("{\"a\":null,\"b\":{\"x\":[{\"c\":2,\"d\":1}],\"y\":1}}");
    assertThat(RequestHash.of(ENDPOINT, body("{\"a\":1,\"b\":2}")))
        .isEqualTo(RequestHash.of(ENDPOINT, body("{\"b\":2,\"a\":1}")))
        .isNotEqualTo(RequestHash.of("POST /v1/others", body("{\"a\":1,\"b\":2}")))
        .hasSize(64);
  }

  private ResponseEntity<?> create() {
    int n = creates.incrementAndGet();
    ObjectNode created =
        JSON.createObjectNode().put("id", "thing_" + UUID.randomUUID()).put("n", n);
    return ResponseEntity.created(URI.create("/v1/things/" + created.path("id").asText()))
        .body(created);
  }

  private static JsonNode body(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static void assertConflict(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
      assertThat(e.code()).isEqualTo("CONFLICT");
    });
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
