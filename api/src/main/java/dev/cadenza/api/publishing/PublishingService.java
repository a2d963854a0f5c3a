package dev.cadenza.api.publishing;

import dev.cadenza.api.generation.GenerationService;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ProblemCode;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Publishes and unpublishes a user's own succeeded generations, and pages the public feed. Both
 * changes are idempotent: publishing a published generation keeps its place in the feed,
 * unpublishing an unpublished one changes nothing.
 */
@Service
public class PublishingService {
  private final GenerationService generations;
  private final GenerationStore store;
  private final PublishedGenerations published;

  PublishingService(
      GenerationService generations, GenerationStore store, PublishedGenerations published) {
    this.generations = generations;
    this.store = store;
    this.published = published;
  }

  public Generation publish(String userId, String id) {
    requireSucceeded(generations.owned(userId, id));
    published.publish(id);
    return store.find(id).orElseThrow();
  }

  public Generation unpublish(String userId, String id) {
    requireSucceeded(generations.owned(userId, id));
    published.unpublish(id);
    return store.find(id).orElseThrow();
  }

  List<FeedEntry> feed(int limit, Long beforeSeq) {
    return published.page(limit, beforeSeq);
  }

  private static void requireSucceeded(Generation generation) {
    // Its status never leaves succeeded, so the check cannot go stale before the update.
    if (generation.status() != GenerationStatus.SUCCEEDED) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          ProblemCode.NOT_PUBLISHABLE,
          "Generation " + generation.id() + " is " + generation.status().dbValue()
              + "; only succeeded generations can be published.");
    }
  }
}
