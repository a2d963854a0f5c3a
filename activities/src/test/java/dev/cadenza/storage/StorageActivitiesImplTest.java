package dev.cadenza.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.storage.StoreRequest;
import dev.cadenza.workflows.storage.StoredAsset;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageActivitiesImplTest {
  @TempDir
  Path root;

  private LocalObjectStorage storage;
  private StorageActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    storage = new LocalObjectStorage(
        root,
        URI.create("http://localhost:8080"),
        new UrlSigner(new byte[32], Clock.systemUTC()),
        Clock.systemUTC());
    activities = new StorageActivitiesImpl(storage);
  }

  @Test
  void promotesStagedFilesAndEmptiesStaging() throws Exception {
    StagedFile audio = stage("gen_1", "audio.wav", "RIFF....WAVE");

    List<StoredAsset> stored = activities.storeOutputs(new StoreRequest("gen_1", List.of(audio)));

    assertThat(stored).singleElement().satisfies(a -> {
      assertThat(a.storageKey()).isEqualTo("generations/gen_1/audio.wav");
      assertThat(a.sha256()).isEqualTo(audio.sha256());
    });
    assertThat(storage.stat("generations/gen_1/audio.wav")).isPresent();
    assertThat(storage.list("staging/gen_1/")).isEmpty();
  }

  @Test
  void aRetryAfterStagingWasEmptiedStillSucceeds() throws Exception {
    StagedFile audio = stage("gen_1", "audio.wav", "RIFF....WAVE");
    StoreRequest request = new StoreRequest("gen_1", List.of(audio));
    activities.storeOutputs(request);

    assertThat(activities.storeOutputs(request)).hasSize(1);
  }

  @Test
  void aCorruptStagedFileIsRefusedWithoutRetry() throws Exception {
    StagedFile audio = stage("gen_1", "audio.wav", "RIFF....WAVE");
    StagedFile lying = new StagedFile(
        audio.key(),
        audio.name(),
        audio.contentType(),
        audio.sizeBytes(),
        "00".repeat(32),
        Map.of());

    assertThatThrownBy(() -> activities.storeOutputs(new StoreRequest("gen_1", List.of(lying))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue());
    assertThat(storage.stat("generations/gen_1/audio.wav")).isEmpty();
  }

  @Test
  void discardRemovesStagedAndStoredFilesOfThatGenerationOnly() throws Exception {
    activities.storeOutputs(new StoreRequest("gen_1", List.of(stage("gen_1", "audio.wav", "a"))));
    stage("gen_1", "cover.png", "b");
    stage("gen_2", "cover.png", "c");

    activities.discardOutputs("gen_1");
    activities.discardOutputs("gen_1"); // twice is harmless

    assertThat(storage.list("staging/gen_1/")).isEmpty();
    assertThat(storage.list("generations/gen_1/")).isEmpty();
    assertThat(storage.list("staging/gen_2/")).hasSize(1);
  }

  private StagedFile stage(String id, String name, String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String key = "staging/" + id + "/" + name;
    storage.put(key, bytes, "application/octet-stream");
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    return new StagedFile(key, name, "application/octet-stream", bytes.length, sha, Map.of());
  }
}
