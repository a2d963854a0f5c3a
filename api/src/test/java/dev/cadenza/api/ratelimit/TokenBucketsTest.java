package dev.cadenza.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one-statement token bucket on a real PostgreSQL. */
class TokenBucketsTest {
  /** A refill too slow to matter within a test. */
  private static final double NO_REFILL = 0.0001;

  static JdbcClient jdbc;
  static TokenBuckets buckets;

  @BeforeAll
  static void db() {
    jdbc = JdbcClient.create(TestDatabase.fresh());
    buckets = new TokenBuckets(jdbc);
  }

  @Test
  void aNewBucketStartsFullGivesItsCapacityAndThenRefuses() {
    String bucket = newBucket();
    for (int i = 1; i <= 5; i++) {
      TokenBuckets.Take take = buckets.take(bucket, 5, NO_REFILL);
      assertThat(take.allowed()).as("take %d", i).isTrue();
      assertThat(take.remaining()).isEqualTo(5 - i);
    }
    TokenBuckets.Take refused = buckets.take(bucket, 5, NO_REFILL);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterSeconds()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void refusalsNeitherGoNegativeNorTakeWhatRefillsLater() {
    String bucket = newBucket();
    for (int i = 0; i < 2; i++) {
      buckets.take(bucket, 2, 1);
    }
    for (int i = 0; i < 10; i++) {
      assertThat(buckets.take(bucket, 2, 1).allowed()).isFalse();
    }
    assertThat(tokens(bucket)).isBetween(0.0, 1.0);

    age(bucket, 1.5);

    assertThat(buckets.take(bucket, 2, 1).allowed()).as("1.5 tokens refilled").isTrue();
    TokenBuckets.Take next = buckets.take(bucket, 2, 1);
    assertThat(next.allowed()).as("0.5 left").isFalse();
    assertThat(next.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void theRefillIsCappedAtTheCapacity() {
    String bucket = newBucket();
    for (int i = 0; i < 3; i++) {
      buckets.take(bucket, 3, 10);
    }
    age(bucket, 3600);

    TokenBuckets.Take take = buckets.take(bucket, 3, 10);

    assertThat(take.allowed()).isTrue();
    assertThat(take.remaining()).isEqualTo(2);
    assertThat(tokens(bucket)).isLessThanOrEqualTo(2.01);
  }

  @Test
  void retryAfterIsTheWholeSecondsUntilATokenIsThere() {
    String bucket = newBucket();
    buckets.take(bucket, 1, 0.25);

    TokenBuckets.Take refused = buckets.take(bucket, 1, 0.25);

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(4);
    assertThat(TokenBuckets.retryAfter(0.99, 10)).isEqualTo(1);
    assertThat(TokenBuckets.retryAfter(0, 0.5)).isEqualTo(2);
    assertThat(TokenBuckets.retryAfter(0, 0)).isEqualTo(TokenBuckets.MAX_RETRY_AFTER_SECONDS);
    assertThat(TokenBuckets.retryAfter(0, 1e-9)).isEqualTo(TokenBuckets.MAX_RETRY_AFTER_SECONDS);
  }

  @Test
  void bucketsAreSeparate() {
    String spent = newBucket();
    String other = newBucket();
    buckets.take(spent, 1, NO_REFILL);
    assertThat(buckets.take(spent, 1, NO_REFILL).allowed()).isFalse();

    assertThat(buckets.take(other, 1, NO_REFILL).allowed()).isTrue();
  }

  @Test
  void fiftyConcurrentTakesOnABucketOfTenGiveExactlyTen() throws Exception {
    String bucket = newBucket();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> takes = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(50)) {
      for (int i = 0; i < 50; i++) {
        takes.add(threads.submit(() -> {
          start.await();
          return buckets.take(bucket, 10, NO_REFILL).allowed();
        }));
      }
      start.countDown();
      int allowed = 0;
      for (Future<Boolean> take : takes) {
        allowed += take.get() ? 1 : 0;
      }
      assertThat(allowed).isEqualTo(10);
    }
    assertThat(tokens(bucket)).isBetween(0.0, 1.0);
  }

  @Test
  void idleBucketsAreDeletedOnceTheyWouldBeFull() {
    String idle = newBucket();
    String busy = newBucket();
    buckets.take(idle, 5, 10);
    buckets.take(busy, 5, 10);
    age(idle, 7200);

    buckets.deleteIdle(5, 10);

    assertThat(exists(idle)).isFalse();
    assertThat(exists(busy)).isTrue();
  }

  private static String newBucket() {
    return "usr_" + UUID.randomUUID();
  }

  private static void age(String bucket, double seconds) {
    jdbc.sql("update rate_limit_buckets set updated_at = updated_at - make_interval(secs => :s)"
            + " where bucket = :bucket")
        .param("s", seconds)
        .param("bucket", bucket)
        .update();
  }

  private static double tokens(String bucket) {
    return jdbc.sql("select tokens from rate_limit_buckets where bucket = :bucket")
        .param("bucket", bucket)
        .query(Double.class)
        .single();
  }

  private static boolean exists(String bucket) {
    return jdbc.sql("select count(*) from rate_limit_buckets where bucket = :bucket")
            .param("bucket", bucket)
            .query(Integer.class)
            .single()
        == 1;
  }
}
