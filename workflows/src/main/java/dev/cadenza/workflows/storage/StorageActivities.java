package dev.cadenza.workflows.storage;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Moves outputs from staging to their final keys, or discards them. */
@ActivityInterface
public interface StorageActivities {

  /**
   * Checks each staged file (present, same size and sha256 as staged) and copies it to
   * {@code generations/<generationId>/<name>}. Idempotent: a retry after a partial copy
   * finishes the job.
   */
  List<StoredAsset> storeOutputs(StoreRequest request);

  /** Deletes everything staged or stored for the generation. */
  void discardOutputs(String generationId);
}
