package dev.cadenza.workflows.generation;

import dev.cadenza.workflows.publication.PublicationChange;
import io.temporal.activity.ActivityInterface;

/**
 * Keeps the generations read model (PostgreSQL) current. Idempotent: each call sets a state,
 * so retries are harmless.
 */
@ActivityInterface
public interface GenerationActivities {

  /** The generation left the queue and its work has started. */
  void markRunning(String generationId);

  /** Writes the output and marks the generation {@code succeeded}. */
  void publishResult(GenerationResult result);

  /** Marks the generation {@code failed} or {@code canceled} with its error. */
  void recordFailure(GenerationFailure failure);

  /**
   * Replaces one entry of a succeeded render's {@code output.publications}: a scheduled
   * publication was delivered, failed or was canceled. The generation stays {@code succeeded};
   * no event is appended (its event stream ended with {@code completed}).
   */
  void recordPublication(PublicationChange change);
}
