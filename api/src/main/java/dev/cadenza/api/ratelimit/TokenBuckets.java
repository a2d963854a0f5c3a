package dev.cadenza.api.ratelimit;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Token buckets in PostgreSQL ({@code rate_limit_buckets}), so that every API replica draws on
 * the same ones. Taking a token is one statement: an upsert that refills the bucket by the time
 * elapsed since its last update (capped at the capacity) and takes a token only if at least one
 * is there. The row lock of {@code on conflict do update} serialises concurrent takes on a bucket
 * and each one sees the level the previous one left, so a bucket never overspends and never goes
 * negative. Time is the database's ({@code now()}), never a replica's clock.
 */
@Component
public class TokenBuckets {
  /** A Retry-After is never longer than this (a bucket with a near-zero refill). */
  static final long MAX_RETRY_AFTER_SECONDS = Duration.ofDays(1).toSeconds();

  /** The level of bucket {@code b} now: its stored tokens plus the refill since, capped. */
  private static final String LEVEL = """
      least(cast(:capacity as double precision),
            b.tokens + cast(greatest(0, extract(epoch from now() - b.updated_at)) as double precision)
                       * cast(:rate as double precision))""";

  // A new bucket starts full and gives its first token. An existing one is refilled and gives a
  // token when the refilled level is at least 1; otherwise the WHERE leaves it untouched and the
  // second branch reports its level (from the statement's snapshot: for the Retry-After only).
  // updated_at never moves backwards, should a transaction that started earlier commit later.
  private static final String TAKE = """
      with taken as (
        insert into rate_limit_buckets as b (bucket, tokens, updated_at)
        values (:bucket, cast(:capacity as double precision) - 1, now())
        on conflict (bucket) do update
          set tokens = %1$s - 1,
              updated_at = greatest(b.updated_at, now())
          where %1$s >= 1
        returning tokens
      )
      select true as allowed, tokens from taken
      union all
      select false, %1$s from rate_limit_buckets b
      where b.bucket = :bucket and not exists (select 1 from taken)""".formatted(LEVEL);

  private final JdbcClient jdbc;

  public TokenBuckets(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The answer to one take.
   *
   * @param allowed whether a token was taken
   * @param tokens the tokens left after the take, or those there are when refused (below 1)
   * @param retryAfterSeconds when refused, whole seconds until a token is there (at least 1)
   */
  public record Take(boolean allowed, double tokens, long retryAfterSeconds) {
    /** Whole tokens left, for {@code X-RateLimit-Remaining}. */
    public long remaining() {
      return allowed ? (long) Math.floor(tokens) : 0;
    }
  }

  /** Takes a token from the bucket, creating it full if it does not exist. */
  public Take take(String bucket, int capacity, double refillPerSecond) {
    if (capacity < 1 || refillPerSecond < 0) {
      throw new IllegalArgumentException("capacity must be >= 1 and refill >= 0");
    }
    return jdbc.sql(TAKE)
        .param("bucket", bucket)
        .param("capacity", capacity)
        .param("rate", refillPerSecond)
        .query((rs, n) -> {
          boolean allowed = rs.getBoolean(1);
          double tokens = rs.getDouble(2);
          return new Take(allowed, tokens, allowed ? 0 : retryAfter(tokens, refillPerSecond));
        })
        .optional()
        // The bucket was created by a request that committed after this statement's snapshot:
        // it was refused on the row that request left, which has less than a token.
        .orElseGet(() -> new Take(false, 0, retryAfter(0, refillPerSecond)));
  }

  /** Whole seconds until a bucket at {@code tokens} has one, at least 1. */
  static long retryAfter(double tokens, double refillPerSecond) {
    if (refillPerSecond <= 0) {
      return MAX_RETRY_AFTER_SECONDS;
    }
    double seconds = Math.ceil((1 - tokens) / refillPerSecond);
    return (long) Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, seconds));
  }

  /**
   * Deletes buckets idle long enough to be full again: a missing bucket is a full one. Idle means
   * an hour, or longer when a slow refill needs longer to fill the bucket.
   */
  public int deleteIdle(int capacity, double refillPerSecond) {
    double fillSeconds = refillPerSecond > 0 ? capacity / refillPerSecond : Double.MAX_VALUE;
    double idleSeconds = Math.max(Duration.ofHours(1).toSeconds(), Math.ceil(fillSeconds));
    if (idleSeconds > Duration.ofDays(365).toSeconds()) {
      return 0;
    }
    return jdbc.sql(
            "delete from rate_limit_buckets where updated_at < now() - make_interval(secs => :idle)")
        .param("idle", idleSeconds)
        .update();
  }
}
