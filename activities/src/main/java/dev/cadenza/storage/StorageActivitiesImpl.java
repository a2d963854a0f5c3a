package dev.cadenza.storage;

import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.storage.StorageActivities;
import dev.cadenza.workflows.storage.StoreRequest;
import dev.cadenza.workflows.storage.StoredAsset;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Promotes staged outputs to their final keys, and discards a generation's files. */
@Component("storageActivities")
public class StorageActivitiesImpl implements StorageActivities {
  static final String STAGING = "staging/";
  static final String FINAL = "generations/";

  private final ObjectStorage storage;

  public StorageActivitiesImpl(ObjectStorage storage) {
    this.storage = storage;
  }

  public static String finalKey(String generationId, String name) {
    return FINAL + generationId + "/" + name;
  }

  @Override
  public List<StoredAsset> storeOutputs(StoreRequest request) {
    List<StoredAsset> stored = new ArrayList<>();
    for (StagedFile file : request.files()) {
      String target = finalKey(request.generationId(), file.name());
      promote(file, target);
      stored.add(new StoredAsset(
          file.name(),
          target,
          file.contentType(),
          file.sizeBytes(),
          file.sha256(),
          file.metadata()));
    }
    // Staging is emptied only once every file is in place, so a retry can always finish.
    storage.deletePrefix(STAGING + request.generationId() + "/");
    return stored;
  }

  private void promote(StagedFile file, String target) {
    Optional<ObjectInfo> done = storage.stat(target);
    if (done.isPresent() && done.get().sizeBytes() == file.sizeBytes()) {
      return; // an earlier attempt already copied it
    }
    ObjectInfo staged = storage
        .stat(file.key())
        .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
            "Staged output " + file.key() + " is missing", "OutputMissing"));
    if (staged.sizeBytes() != file.sizeBytes() || staged.sizeBytes() == 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Staged output " + file.key() + " has " + staged.sizeBytes() + " bytes, expected "
              + file.sizeBytes(),
          "OutputCorrupt");
    }
    if (!sha256(file.key()).equals(file.sha256())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Staged output " + file.key() + " does not match its checksum", "OutputCorrupt");
    }
    storage.copy(file.key(), target);
  }

  private String sha256(String key) {
    try (InputStream in = storage.open(key)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void discardOutputs(String generationId) {
    storage.deletePrefix(STAGING + generationId + "/");
    storage.deletePrefix(FINAL + generationId + "/");
  }
}
