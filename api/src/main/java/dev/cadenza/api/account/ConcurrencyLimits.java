package dev.cadenza.api.account;

import dev.cadenza.api.problem.ApiException;
import dev.cadenza.workflows.lane.UserLaneWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How many of a user's generations may run at once: {@code users.max_concurrent}, or {@code
 * app.concurrency.default-per-user} when unset. Each generation carries the limit into its user's
 * lane workflow; a change here is also signalled to a running lane, so it applies to what waits.
 */
@Service
public class ConcurrencyLimits {
  public static final int MAX = 100;
  private static final Logger log = LoggerFactory.getLogger(ConcurrencyLimits.class);

  private final JdbcClient jdbc;
  private final WorkflowClient temporal;
  private final int defaultLimit;

  public ConcurrencyLimits(
      JdbcClient jdbc,
      WorkflowClient temporal,
      @Value("${app.concurrency.default-per-user:2}") int defaultLimit) {
    if (defaultLimit < 1 || defaultLimit > MAX) {
      throw new IllegalArgumentException(
          "app.concurrency.default-per-user must be between 1 and " + MAX + ": " + defaultLimit);
    }
    this.jdbc = jdbc;
    this.temporal = temporal;
    this.defaultLimit = defaultLimit;
  }

  /** The user's limit; the default for an unknown user (who cannot submit anyway). */
  public int of(String userId) {
    return jdbc.sql("select max_concurrent from users where id = :id")
        .param("id", userId)
        .query((rs, row) -> Optional.ofNullable((Integer) rs.getObject(1)))
        .optional()
        .flatMap(setting -> setting)
        .orElse(defaultLimit);
  }

  /**
   * Sets the user's limit; {@code null} returns them to the default.
   *
   * @return the limit now in force
   * @throws ApiException 404 for an unknown user
   */
  public int set(String userId, Integer limit) {
    int updated = jdbc.sql("update users set max_concurrent = :limit where id = :id")
        .param("limit", limit)
        .param("id", userId)
        .update();
    if (updated == 0) {
      throw ApiException.notFound("User");
    }
    int effective = limit == null ? defaultLimit : limit;
    try {
      temporal
          .newWorkflowStub(UserLaneWorkflow.class, UserLaneWorkflow.idOf(userId))
          .setLimit(effective);
    } catch (WorkflowNotFoundException noLane) {
      // Nothing runs or waits: the next generation brings the new limit.
    } catch (RuntimeException e) {
      // The setting is stored; the lane picks it up with the user's next generation.
      log.warn("Could not signal the new limit to lane of {}", userId, e);
    }
    return effective;
  }
}
