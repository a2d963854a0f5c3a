package dev.cadenza.api.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.ProblemBodies;
import dev.cadenza.api.problem.ProblemCode;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Idempotent creates (Stripe style) for any endpoint that creates something: a client sends
 * {@code Idempotency-Key} and may retry the same request under it as often as it likes; the
 * create runs at most once and every retry gets the first answer.
 *
 * <ul>
 *   <li>The first request claims the key (principal and key) and runs the create. Its answer is
 *       stored: a success, or a 4xx (validation, 402), so that a retry gets the same answer.
 *       A 5xx or an unexpected exception gives the claim up: the client may retry.
 *   <li>A retry with the same request (endpoint and canonical body, see {@link RequestHash})
 *       gets the stored status and body, plus {@code Idempotent-Replayed: true}, and starts
 *       nothing. If the first request is still running the retry waits for it (up to {@code
 *       app.idempotency.in-progress-wait}, 10 s); if it is still running then, 409 {@code
 *       CONFLICT}.
 *   <li>The first request holds its claim by a lease ({@code app.idempotency.claim-lease}, 15 s)
 *       that it renews while it runs. A claim whose lease ran out belongs to a request that died
 *       with its process (kill -9, a crash, a lost database connection): a retry takes it over and
 *       runs the create itself, rather than answering 409 until the key expires.
 *   <li>The same key with another request: 409 {@code CONFLICT}.
 *   <li>Keys are per principal and count for 24 hours; an older row is treated as absent (and
 *       deleted hourly, see {@link IdempotencyConfiguration}).
 * </ul>
 *
 * A controller reads the header ({@code required = false}) and wraps its create:
 *
 * <pre>{@code
 * return idempotency.execute(user.id(), key, "POST /v1/batches", request, () -> create(...));
 * }</pre>
 */
@Service
public class IdempotencyService {
  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";
  public static final Duration TIME_TO_LIVE = Duration.ofHours(24);
  static final int MAX_KEY_LENGTH = 255;

  private static final Logger log = LoggerFactory.getLogger(IdempotencyService.class);
  /** Headers of a first answer that its replays repeat. */
  private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.LOCATION);

  private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
  private static final Duration MAX_PAUSE = Duration.ofMillis(200);

  private final IdempotencyStore store;
  private final ObjectMapper objectMapper;
  private final Duration inProgressWait;
  private final Duration claimLease;
  private final Duration createDelay;
  private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("idempotency-lease").factory());

  public IdempotencyService(
      IdempotencyStore store, ObjectMapper objectMapper, Duration inProgressWait) {
    this(store, objectMapper, inProgressWait, Duration.ofSeconds(15), Duration.ZERO);
  }

  /**
   * @param claimLease how long a claim outlives the last renewal by its request
   * @param createDelay fault injection ({@code app.faults.idempotent-create-delay}, 0 but in
   *     crash tests): a pause between the claim and the create, so that a test can kill the
   *     process while a keyed create is in flight
   */
  @Autowired
  public IdempotencyService(
      IdempotencyStore store,
      ObjectMapper objectMapper,
      @Value("${app.idempotency.in-progress-wait:10s}") Duration inProgressWait,
      @Value("${app.idempotency.claim-lease:15s}") Duration claimLease,
      @Value("${app.faults.idempotent-create-delay:0s}") Duration createDelay) {
    if (claimLease.toMillis() < 3) {
      throw new IllegalArgumentException("app.idempotency.claim-lease must be positive");
    }
    this.store = store;
    this.objectMapper = objectMapper;
    this.inProgressWait = inProgressWait;
    this.claimLease = claimLease;
    this.createDelay = createDelay;
    if (!createDelay.isZero()) {
      log.warn(
          "Fault injection: creates under an Idempotency-Key pause {} after their claim",
          createDelay);
    }
  }

  /**
   * Runs {@code create} at most once per {@code principal} and {@code key}; see the class
   * documentation. Without a key it simply runs {@code create}.
   *
   * @param principal whose keys these are (the user id)
   * @param key the {@code Idempotency-Key} header, or null
   * @param endpoint the endpoint, part of what identifies the request ({@code POST
   *     /v1/generations})
   * @param body the request body as read (hashed as canonical JSON)
   * @param create the create; its answer (a JSON object body) is stored, and so is the problem of
   *     an {@link ApiException} with a 4xx status
   * @throws ApiException 400 {@code VALIDATION_FAILED} for a malformed key, 409 {@code CONFLICT}
   *     for a key used with another request or still in progress
   */
  public ResponseEntity<?> execute(
      String principal,
      String key,
      String endpoint,
      Object body,
      Supplier<? extends ResponseEntity<?>> create) {
    if (key == null) {
      return create.get();
    }
    checkKey(key);
    String hash = RequestHash.of(endpoint, objectMapper.valueToTree(body));
    long deadline = System.nanoTime() + inProgressWait.toNanos();
    Duration pause = FIRST_PAUSE;
    while (true) {
      String token = UUID.randomUUID().toString();
      if (store.claim(principal, key, hash, token, claimLease)) {
        return runClaimed(principal, key, token, create);
      }
      Optional<IdempotencyStore.Entry> found = store.find(principal, key, TIME_TO_LIVE);
      if (found.isPresent()) {
        IdempotencyStore.Entry entry = found.get();
        if (entry.expired()) {
          store.deleteIfExpired(principal, key, TIME_TO_LIVE);
          continue;
        }
        if (!entry.requestHash().equals(hash)) {
          throw ApiException.conflict("This Idempotency-Key was already used with another request;"
              + " use a new key for a new request.");
        }
        if (entry.done()) {
          return replay(entry);
        }
        if (entry.abandoned() && store.takeOver(principal, key, hash, token, claimLease)) {
          log.warn(
              "Took over an Idempotency-Key of {} whose request died with its process", principal);
          return runClaimed(principal, key, token, create);
        }
      }
      // In progress elsewhere, or given up between the claim and the read: look again.
      if (System.nanoTime() - deadline > 0) {
        throw ApiException.conflict(
            "A request with this Idempotency-Key is in progress; retry it later.");
      }
      if (found.isPresent()) {
        sleep(pause);
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
      }
    }
  }

  /** Checks the header: 1 to 255 printable ASCII characters, else 400 {@code VALIDATION_FAILED}. */
  public static void checkKey(String key) {
    boolean valid = !key.isEmpty() && key.length() <= MAX_KEY_LENGTH;
    for (int i = 0; valid && i < key.length(); i++) {
      char c = key.charAt(i);
      valid = c >= 0x20 && c <= 0x7e;
    }
    if (!valid) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          ProblemCode.VALIDATION_FAILED,
          "The Idempotency-Key header is invalid.",
          List.of(new FieldProblem(
              HEADER, "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters")));
    }
  }

  /** Stops renewing the leases of creates still running (the process is stopping). */
  @PreDestroy
  void stop() {
    renewals.shutdownNow();
  }

  private ResponseEntity<?> runClaimed(
      String principal, String key, String token, Supplier<? extends ResponseEntity<?>> create) {
    long every = Math.max(1, claimLease.toMillis() / 3);
    ScheduledFuture<?> renewal = renewals.scheduleWithFixedDelay(
        () -> renew(principal, key, token), every, every, TimeUnit.MILLISECONDS);
    try {
      return runHolding(principal, key, token, create);
    } finally {
      renewal.cancel(false);
    }
  }

  private void renew(String principal, String key, String token) {
    try {
      store.renew(principal, key, token, claimLease);
    } catch (RuntimeException e) {
      log.warn(
          "Could not renew the claim of an idempotency key of {}: {}", principal, e.toString());
    }
  }

  private ResponseEntity<?> runHolding(
      String principal, String key, String token, Supplier<? extends ResponseEntity<?>> create) {
    ResponseEntity<?> response;
    try {
      if (!createDelay.isZero()) {
        Thread.sleep(createDelay);
      }
      response = create.get();
    } catch (ApiException e) {
      if (e.status().is4xxClientError()) {
        store(principal, key, token, e.status().value(), problemOf(e), Map.of());
      } else {
        release(principal, key, token);
      }
      throw e;
    } catch (RuntimeException | Error e) {
      release(principal, key, token);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release(principal, key, token);
      throw new IllegalStateException("Interrupted before the create", e);
    }
    if (response.getStatusCode().is5xxServerError()) {
      release(principal, key, token);
    } else {
      store(
          principal,
          key,
          token,
          response.getStatusCode().value(),
          objectMapper.valueToTree(response.getBody()),
          replayedHeaders(response.getHeaders()));
    }
    return response;
  }

  private void store(
      String principal,
      String key,
      String token,
      int status,
      JsonNode body,
      Map<String, List<String>> headers) {
    try {
      if (!store.complete(principal, key, token, status, body, headers)) {
        log.warn("Idempotency key of {} was gone before its answer was stored", principal);
      }
    } catch (RuntimeException e) {
      // The create happened but its answer is not stored: the key stays in progress until its
      // lease runs out, then a retry creates again, as after a crash at this point.
      log.error("Could not store the answer under an idempotency key of {}", principal, e);
    }
  }

  private void release(String principal, String key, String token) {
    try {
      store.release(principal, key, token);
    } catch (RuntimeException e) {
      log.error("Could not release an idempotency key of {}", principal, e);
    }
  }

  private static ResponseEntity<ObjectNode> replay(IdempotencyStore.Entry entry) {
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.status(entry.responseStatus()).header(REPLAYED_HEADER, "true");
    entry
        .responseHeaders()
        .forEach((name, values) -> answer.header(name, values.toArray(String[]::new)));
    if (entry.responseStatus() >= 400) {
      answer.contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
    return answer.body(entry.responseBody());
  }

  private static Map<String, List<String>> replayedHeaders(HttpHeaders headers) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    for (String name : REPLAYED_HEADERS) {
      List<String> values = headers.get(name);
      if (values != null && !values.isEmpty()) {
        kept.put(name, List.copyOf(values));
      }
    }
    return kept;
  }

  /** The problem the problem handler answers an {@link ApiException} with, as JSON. */
  private ObjectNode problemOf(ApiException e) {
    ProblemDetail problem = ProblemBodies.problem(e.status(), e.code(), e.getMessage());
    if (!e.errors().isEmpty()) {
      problem.setProperty(
          "errors",
          e.errors().stream()
              .sorted(Comparator.comparing(
                  FieldProblem::field, Comparator.nullsFirst(String::compareTo)))
              .toList());
    }
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
      problem.setInstance(ProblemBodies.instanceOf(request.getRequest().getRequestURI()));
    }
    return objectMapper.valueToTree(ProblemBodies.toJson(problem));
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.conflict(
          "A request with this Idempotency-Key is in progress; retry it later.");
    }
  }
}
