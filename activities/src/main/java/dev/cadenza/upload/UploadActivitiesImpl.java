package dev.cadenza.upload;

import dev.cadenza.storage.ObjectInfo;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.workflows.upload.UploadActivities;
import dev.cadenza.workflows.upload.UploadCheck;
import dev.cadenza.workflows.upload.UploadOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Checks uploaded bytes and deletes the objects of uploads nobody completed or used. */
@Component("uploadActivities")
public class UploadActivitiesImpl implements UploadActivities {
  private static final Logger log = LoggerFactory.getLogger(UploadActivitiesImpl.class);

  private final UploadStore uploads;
  private final ObjectStorage storage;

  public UploadActivitiesImpl(UploadStore uploads, ObjectStorage storage) {
    this.uploads = uploads;
    this.storage = storage;
  }

  @Override
  public UploadCheck verifyUpload(String uploadId) {
    Upload upload = uploads
        .find(uploadId)
        .orElseThrow(() -> new IllegalStateException("No upload " + uploadId));
    switch (upload.status()) {
      case Upload.READY -> {
        return UploadCheck.ready();
      }
      case Upload.INVALID -> {
        return new UploadCheck(UploadOutcome.INVALID, "The upload was refused before.");
      }
      case Upload.EXPIRED -> {
        return new UploadCheck(UploadOutcome.NOT_PENDING, "The upload has expired.");
      }
      default -> {
        // pending: check it below
      }
    }
    // Checked where no PUT URL can write (see Upload#incomingKey). A retry after the copy finds
    // the incoming object gone and the copy in place.
    if (storage.stat(upload.incomingKey()).isPresent()) {
      storage.copy(upload.incomingKey(), upload.storageKey());
      storage.delete(upload.incomingKey());
    }
    Optional<ObjectInfo> object = storage.stat(upload.storageKey());
    if (object.isEmpty()) {
      return new UploadCheck(
          UploadOutcome.NOT_RECEIVED,
          "No bytes have arrived for this upload yet; PUT them to its uploadUrl first.");
    }
    if (object.get().sizeBytes() != upload.sizeBytes()) {
      return refuse(
          upload,
          "The upload has " + object.get().sizeBytes() + " bytes; " + upload.sizeBytes()
              + " were declared.");
    }
    Path file = null;
    try {
      file = Files.createTempFile("upload-", UploadTypes.extension(upload.contentType()));
      String sha256 = download(upload.storageKey(), file);
      Optional<Map<String, String>> facts = MediaCheck.check(upload.contentType(), file);
      if (facts.isEmpty()) {
        return refuse(upload, "The bytes are not a valid " + upload.contentType() + " file.");
      }
      uploads.markReady(uploadId, sha256, facts.get());
      return UploadCheck.ready();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          log.warn("Could not delete temporary file {}", file, e);
        }
      }
    }
  }

  /** Deletes the object first: a crash in between leaves a pending row to refuse again. */
  private UploadCheck refuse(Upload upload, String reason) {
    storage.delete(upload.storageKey());
    uploads.markInvalid(upload.id());
    log.info("Upload {} refused: {}", upload.id(), reason);
    return new UploadCheck(UploadOutcome.INVALID, reason);
  }

  private String download(String key, Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(storage.open(key), digest)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public boolean expireUpload(String uploadId, boolean whilePending) {
    Upload upload = uploads
        .find(uploadId)
        .orElseThrow(() -> new IllegalStateException("No upload " + uploadId));
    boolean expired =
        whilePending ? uploads.expirePending(uploadId) : uploads.expireUnused(uploadId);
    // Deleting again on a retry is harmless; a row already expired by an earlier attempt must
    // still lose its object.
    // Bytes PUT again after completion land on the incoming key: gone in any case.
    storage.delete(upload.incomingKey());
    if (expired || Upload.EXPIRED.equals(upload.status())) {
      storage.delete(upload.storageKey());
      log.info("Upload {} expired; its object is deleted", uploadId);
    }
    return expired;
  }
}
