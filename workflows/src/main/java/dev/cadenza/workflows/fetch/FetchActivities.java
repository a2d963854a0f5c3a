package dev.cadenza.workflows.fetch;

import dev.cadenza.workflows.media.StagedFile;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Downloads files that users name by URL, guarded: http(s) only, public addresses only (unless
 * configured otherwise; redirects are checked again), a size limit, the content types of the
 * kind (checked against the bytes too) and a timeout. A refused or unusable file fails
 * non-retryably with {@code InvalidInput}; network faults and 5xx answers are retried.
 */
@ActivityInterface
public interface FetchActivities {

  /** The picture to lift into 3D. Metadata: {@code width}, {@code height}. */
  StagedFile fetchImage(FetchRequest request);

  /** A timeline's sources, staged in the order asked. */
  List<StagedFile> fetchSources(SourcesRequest request);
}
