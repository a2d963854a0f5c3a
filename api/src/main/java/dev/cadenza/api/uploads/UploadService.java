package dev.cadenza.api.uploads;

import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.api.problem.ProblemCode;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.storage.PresignedUpload;
import dev.cadenza.upload.Upload;
import dev.cadenza.upload.UploadStore;
import dev.cadenza.upload.UploadTypes;
import dev.cadenza.workflows.TaskQueues;
import dev.cadenza.workflows.upload.UploadCheck;
import dev.cadenza.workflows.upload.UploadRequest;
import dev.cadenza.workflows.upload.UploadWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Creates uploads (a row, a presigned PUT and the {@link UploadWorkflow} that owns the upload's
 * lifecycle), completes them through the workflow's {@code complete} update, and reads them. A
 * user only ever sees their own: another's is 404, as a generation is.
 */
@Service
public class UploadService {
  private static final Logger log = LoggerFactory.getLogger(UploadService.class);
  private static final SecureRandom IDS = new SecureRandom();
  static final int MAX_FILENAME = 255;
  /** API.md: the bytes are sent "before expiresAt (15 min)". */
  static final Duration PUT_TTL = Duration.ofMinutes(15);
  /**
   * A client that sent its bytes in the last second still gets to complete: the pending upload
   * is deleted this long after its URL expired.
   */
  static final Duration COMPLETE_GRACE = Duration.ofMinutes(15);
  /** API.md: "Uploads never used are deleted after 24 h". */
  static final Duration KEEP_UNUSED = Duration.ofHours(24);

  private final UploadStore store;
  private final UploadTypes types;
  private final ObjectStorage storage;
  private final WorkflowClient temporal;

  public UploadService(
      UploadStore store, UploadTypes types, ObjectStorage storage, WorkflowClient temporal) {
    this.store = store;
    this.types = types;
    this.storage = storage;
    this.temporal = temporal;
  }

  public record Created(Upload upload, PresignedUpload put) {}

  public Created create(String userId, CreateUploadRequest request) {
    check(request);
    String id = newId();
    String key = "uploads/" + id + UploadTypes.extension(request.contentType());
    PresignedUpload put = storage.presignUpload(
        Upload.incomingKey(key), request.contentType(), request.sizeBytes(), PUT_TTL);
    store.insert(
        id,
        userId,
        request.contentType(),
        request.sizeBytes(),
        request.filename(),
        key,
        put.expiresAt());
    UploadWorkflow workflow = temporal.newWorkflowStub(
        UploadWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(UploadWorkflow.idOf(id))
            .setTaskQueue(TaskQueues.GENERATIONS)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build());
    try {
      WorkflowClient.start(
          workflow::run, new UploadRequest(id, PUT_TTL.plus(COMPLETE_GRACE), KEEP_UNUSED));
    } catch (RuntimeException e) {
      // Without its workflow nothing would ever complete or delete it: retire it now.
      log.error("Could not start the workflow of upload {}", id, e);
      store.expirePending(id);
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          ProblemCode.SERVICE_UNAVAILABLE,
          "The workflow service is not reachable; try again.");
    }
    return new Created(store.find(id).orElseThrow(), put);
  }

  public Upload owned(String userId, String id) {
    return store
        .find(id)
        .filter(u -> u.userId().equals(userId))
        .orElseThrow(() -> ApiException.notFound("Upload " + id));
  }

  public List<Upload> list(String userId, int limit, Long beforeSeq) {
    return store.list(userId, limit, beforeSeq);
  }

  /** Checks the bytes through the upload's workflow, which answers synchronously. */
  public Upload complete(String userId, String id) {
    Upload upload = owned(userId, id);
    if (!Upload.PENDING.equals(upload.status())) {
      throw notPending(upload);
    }
    UploadCheck check;
    try {
      check = temporal
          .newWorkflowStub(UploadWorkflow.class, UploadWorkflow.idOf(id))
          .complete();
    } catch (RuntimeException e) {
      // The workflow closed in between (its URL lapsed a moment ago): say what the row says.
      Upload now = owned(userId, id);
      if (!Upload.PENDING.equals(now.status())) {
        throw notPending(now);
      }
      throw e;
    }
    return switch (check.outcome()) {
      case READY -> owned(userId, id);
      case NOT_RECEIVED ->
        throw new ApiException(HttpStatus.CONFLICT, "UPLOAD_NOT_RECEIVED", check.reason());
      case INVALID ->
        throw new ApiException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "UPLOAD_INVALID",
            check.reason() + " The object was deleted; create a new upload.");
      case NOT_PENDING -> throw notPending(owned(userId, id));
    };
  }

  private static ApiException notPending(Upload upload) {
    String detail = switch (upload.status()) {
      case Upload.READY -> "Upload " + upload.id() + " is already complete.";
      case Upload.INVALID ->
        "Upload " + upload.id()
            + " was refused: its bytes were not of the declared type. Create a new upload.";
      default -> "Upload " + upload.id() + " has expired. Create a new upload.";
    };
    return ApiException.conflict(detail);
  }

  private void check(CreateUploadRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request == null) {
      throw new InvalidInputException(List.of(new FieldProblem("", "must be an object")));
    }
    String type = request.contentType();
    if (type == null) {
      problems.add(new FieldProblem("contentType", "is required"));
    } else if (!UploadTypes.accepted(type)) {
      problems.add(new FieldProblem(
          "contentType", "must be one of " + String.join(", ", UploadTypes.CONTENT_TYPES)));
    }
    Long size = request.sizeBytes();
    if (size == null) {
      problems.add(new FieldProblem("sizeBytes", "is required"));
    } else if (size < 1) {
      problems.add(new FieldProblem("sizeBytes", "must be at least 1"));
    } else if (type != null && UploadTypes.accepted(type) && size > types.maxBytes(type)) {
      problems.add(new FieldProblem(
          "sizeBytes", "must be at most " + types.maxBytes(type) + " for " + type));
    }
    String filename = request.filename();
    if (filename != null
        && (filename.isBlank()
            || filename.length() > MAX_FILENAME
            || filename.chars().anyMatch(Character::isISOControl))) {
      problems.add(new FieldProblem(
          "filename", "must be 1 to " + MAX_FILENAME + " characters without control characters"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private static String newId() {
    byte[] bytes = new byte[10];
    IDS.nextBytes(bytes);
    return "upl_" + HexFormat.of().formatHex(bytes);
  }
}
