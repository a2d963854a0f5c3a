package dev.cadenza.workflows.visibility;

import dev.cadenza.workflows.generation.GenerationType;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.List;

/**
 * The search attributes operators filter generations by in the Temporal UI, e.g. {@code
 * GenerationStatus = 'failed' AND GenerationType = 'song'}. They name the work, never its content:
 * no prompts, lyrics or descriptions. A Temporal server must have them registered before a
 * generation workflow starts (the embedded server registers them itself; a real one needs {@code
 * temporal operator search-attribute create} for each of {@link #ALL}, type Keyword).
 */
public final class GenerationSearchAttributes {
  /** {@code song}, {@code image}, ...: the generation's type. */
  public static final SearchAttributeKey<String> GENERATION_TYPE =
      SearchAttributeKey.forKeyword("GenerationType");

  /** The user the generation belongs to ({@code usr_...}). */
  public static final SearchAttributeKey<String> USER_ID = SearchAttributeKey.forKeyword("UserId");

  /** {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code canceled}. */
  public static final SearchAttributeKey<String> GENERATION_STATUS =
      SearchAttributeKey.forKeyword("GenerationStatus");

  /** Every attribute above; a server must know all of them. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(GENERATION_TYPE, USER_ID, GENERATION_STATUS);

  /**
   * What a generation's workflow starts with, so that it is findable before a worker has picked
   * it up; the workflow keeps them current from then on.
   */
  public static SearchAttributes queued(GenerationType type, String userId) {
    return SearchAttributes.newBuilder()
        .set(GENERATION_TYPE, type.wireName())
        .set(USER_ID, userId)
        .set(GENERATION_STATUS, GenerationVisibility.QUEUED)
        .build();
  }

  private GenerationSearchAttributes() {}
}
