package dev.cadenza.api.uploads;

import dev.cadenza.api.generation.UploadResolver;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.upload.Upload;
import dev.cadenza.upload.UploadStore;
import dev.cadenza.upload.UploadTypes;
import dev.cadenza.workflows.media.StagedFile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Upload ids in generation inputs: a ready upload of the requesting user's, of the kind the field
 * takes, becomes the stored file its workflow reads (never fetched over the network). Someone
 * else's upload gets the same answer as one that does not exist.
 */
@Component
public class UploadReferences {
  private final UploadStore store;

  public UploadReferences(UploadStore store) {
    this.store = store;
  }

  /**
   * The uploads one generation request names, for {@code userId}.
   *
   * @param fieldPrefix before the field of a problem {@link Claims#markUsed} finds: {@code
   *     items[i].} in a batch, else empty
   */
  public Claims forUser(String userId, String fieldPrefix) {
    return new Claims(userId, fieldPrefix);
  }

  /** Resolves a request's upload ids and, in its create transaction, marks them used. */
  public final class Claims implements UploadResolver {
    private final String userId;
    private final String fieldPrefix;
    /** Upload id by the input field that named it. */
    private final Map<String, String> resolved = new LinkedHashMap<>();

    private Claims(String userId, String fieldPrefix) {
      this.userId = userId;
      this.fieldPrefix = fieldPrefix;
    }

    @Override
    public StagedFile resolve(String field, String uploadId, String kind, String name) {
      Upload upload = store
          .find(uploadId)
          .filter(u -> u.userId().equals(userId))
          .orElseThrow(() -> new Refused("must be the id of one of your uploads"));
      if (!UploadTypes.kind(upload.contentType()).equals(kind)) {
        throw new Refused(
            "must be an upload of " + kind + "/*; " + uploadId + " is " + upload.contentType());
      }
      if (!Upload.READY.equals(upload.status())) {
        throw new Refused("must be a ready upload; " + uploadId + " is " + upload.status()
            + (Upload.PENDING.equals(upload.status())
                ? " (complete it with POST /v1/uploads/" + uploadId + "/complete)"
                : ""));
      }
      resolved.put(field, uploadId);
      return new StagedFile(
          upload.storageKey(),
          name + UploadTypes.extension(upload.contentType()),
          upload.contentType(),
          upload.sizeBytes(),
          upload.sha256(),
          upload.metadata());
    }

    /**
     * Marks every resolved upload used, in the caller's transaction. An upload that expired since
     * it was resolved (its 24 h ran out in between) fails the request with 422, rolling back.
     */
    public void markUsed() {
      resolved.forEach((field, uploadId) -> {
        if (!store.markUsed(uploadId, userId)) {
          throw new InvalidInputException(java.util.List.of(new FieldProblem(
              fieldPrefix + field, "must be a ready upload; " + uploadId + " has expired")));
        }
      });
    }
  }
}
