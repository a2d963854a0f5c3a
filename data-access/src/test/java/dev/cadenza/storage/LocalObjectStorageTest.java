package dev.cadenza.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStorageTest extends ObjectStorageContract {

  private static final URI API = URI.create("https://api.cadenza.test/");

  @TempDir
  Path root;

  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final UrlSigner signer = new UrlSigner(randomBytes(32), clock);

  @Override
  protected ObjectStorage createStorage() {
    return new LocalObjectStorage(root, API, signer, clock);
  }

  /** Does what the API's {@code GET /v1/files/{key}} endpoint does with the URL. */
  @Override
  protected byte[] download(URI signedUrl) throws Exception {
    assertThat(signedUrl.getPath()).startsWith("/v1/files/");
    String key = signedUrl.getPath().substring("/v1/files/".length());
    Map<String, String> query = query(signedUrl);
    assertThat(signer.verify(key, Long.parseLong(query.get("expires")), query.get("signature")))
        .isTrue();
    try (InputStream in = storage.open(key)) {
      return in.readAllBytes();
    }
  }

  @Test
  void signedUrlPointsAtTheApiWithExpiryAndSignature() {
    URI url = storage.signedUrl("generations/g1/song.wav", Duration.ofHours(1));

    long expires = Instant.parse("2025-01-01T01:00:00Z").getEpochSecond();
    assertThat(url)
        .hasToString("https://api.cadenza.test/v1/files/generations/g1/song.wav?expires="
            + expires
            + "&signature="
            + signer.sign("generations/g1/song.wav", expires));
  }

  @Test
  void signedUrlStopsVerifyingAfterItsTtl() {
    URI url = storage.signedUrl("k.wav", Duration.ofHours(1));
    Map<String, String> query = query(url);
    long expires = Long.parseLong(query.get("expires"));

    clock.advance(Duration.ofMinutes(59));
    assertThat(signer.verify("k.wav", expires, query.get("signature"))).isTrue();
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(signer.verify("k.wav", expires, query.get("signature"))).isFalse();
  }

  @Test
  void objectsAreFilesNamedByTheirKeys() throws Exception {
    storage.put("generations/g1/audio.wav", new byte[] {1, 2}, "audio/wav");

    assertThat(root.resolve("generations/g1/audio.wav")).hasBinaryContent(new byte[] {1, 2});
    assertThat(root.resolve("generations/g1/.audio.wav.content-type")).hasContent("audio/wav");
  }

  @Test
  void writesLeaveNoTemporaryFilesBehind() throws Exception {
    storage.put("a.wav", new byte[] {1}, "audio/wav");
    storage.put("b.wav", Files.write(scratch.resolve("b"), new byte[] {2}), "audio/wav");
    storage.copy("a.wav", "c.wav");

    try (Stream<Path> temps = Files.list(root.resolve(".tmp"))) {
      assertThat(temps).isEmpty();
    }
  }

  @Test
  void objectsPutByHandHaveAGenericContentType() throws Exception {
    Files.createDirectories(root.resolve("manual"));
    Files.write(root.resolve("manual/file.bin"), new byte[] {1, 2, 3});

    assertThat(storage.stat("manual/file.bin"))
        .contains(new ObjectInfo("manual/file.bin", 3, "application/octet-stream"));
  }

  @Test
  void deletingTheLastObjectOfADirectoryRemovesTheEmptyDirectories() {
    storage.put("staged/run-1/step/audio.wav", new byte[] {1}, "audio/wav");
    storage.put("staged/run-2/audio.wav", new byte[] {1}, "audio/wav");

    storage.deletePrefix("staged/run-1/");

    assertThat(root.resolve("staged/run-1")).doesNotExist();
    assertThat(root.resolve("staged/run-2/audio.wav")).exists();
  }

  @Test
  void internalFilesAreNeitherListedNorReachable() throws Exception {
    Files.writeString(root.resolve(".signing-key"), "secret");
    storage.put("a.wav", new byte[] {1}, "audio/wav");

    assertThat(storage.list("a")).containsExactly("a.wav");
    assertThat(Files.exists(root.resolve(".a.wav.content-type"))).isTrue();
  }

  @Test
  void putsSurviveConcurrentDeletesPruningTheirDirectory() throws Exception {
    // A staging directory emptied by a compensation while a retried activity writes into it.
    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      Future<?> writer = threads.submit(() -> {
        for (int i = 0; i < 300; i++) {
          storage.put("staged/run/deep/" + i + ".wav", new byte[] {1}, "audio/wav");
        }
      });
      Future<?> deleter = threads.submit(() -> {
        while (!writer.isDone()) {
          storage.deletePrefix("staged/run/");
        }
      });
      writer.get(30, TimeUnit.SECONDS);
      deleter.get(30, TimeUnit.SECONDS);
    }
    storage.put("staged/run/deep/last.wav", new byte[] {1}, "audio/wav");
    assertThat(storage.list("staged/run/")).contains("staged/run/deep/last.wav");
  }

  private static Map<String, String> query(URI url) {
    Map<String, String> params = new HashMap<>();
    Arrays.stream(url.getRawQuery().split("&"))
        .map(pair -> pair.split("=", 2))
        .forEach(pair -> params.put(pair[0], pair[1]));
    return params;
  }
}
