package dev.cadenza.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ObjectStorage} adapter must do; one subclass per adapter supplies a fresh,
 * empty store for each test and the way a client downloads a signed URL.
 */
abstract class ObjectStorageContract {

  private static final String WAV = "audio/wav";
  private static final String PNG = "image/png";

  @TempDir
  Path scratch;

  protected ObjectStorage storage;

  /** A new, empty store. */
  protected abstract ObjectStorage createStorage() throws Exception;

  /** The bytes a client gets by following {@code signedUrl} as it would. */
  protected abstract byte[] download(URI signedUrl) throws Exception;

  @BeforeEach
  void createEmptyStore() throws Exception {
    storage = createStorage();
  }

  @AfterEach
  void closeStore() throws Exception {
    if (storage instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Test
  void putBytesThenStatAndOpen() throws Exception {
    byte[] bytes = randomBytes(1000);
    storage.put("generations/g1/audio.wav", bytes, WAV);

    assertThat(storage.stat("generations/g1/audio.wav"))
        .contains(new ObjectInfo("generations/g1/audio.wav", 1000, WAV));
    assertThat(read("generations/g1/audio.wav")).isEqualTo(bytes);
  }

  @Test
  void putFileThenOpen() throws Exception {
    byte[] bytes = randomBytes(300_000);
    Path file = Files.write(scratch.resolve("cover.png"), bytes);

    storage.put("generations/g1/cover.png", file, PNG);

    assertThat(storage.stat("generations/g1/cover.png").orElseThrow().sizeBytes())
        .isEqualTo(300_000);
    assertThat(read("generations/g1/cover.png")).isEqualTo(bytes);
  }

  @Test
  void putReplacesTheObjectAndItsContentType() throws Exception {
    storage.put("k.bin", new byte[] {1, 2, 3}, WAV);
    storage.put("k.bin", new byte[] {4}, PNG);

    assertThat(storage.stat("k.bin")).contains(new ObjectInfo("k.bin", 1, PNG));
    assertThat(read("k.bin")).containsExactly(4);
  }

  @Test
  void missingObjectIsAbsentOrNoSuchObject() {
    assertThat(storage.stat("nothing/here.wav")).isEmpty();
    assertThatThrownBy(() -> storage.open("nothing/here.wav"))
        .isInstanceOf(NoSuchObjectException.class)
        .extracting(e -> ((NoSuchObjectException) e).key())
        .isEqualTo("nothing/here.wav");
  }

  @Test
  void theSharedPrefixOfOtherKeysIsNoObject() {
    storage.put("dir/a.wav", new byte[] {1}, WAV);

    assertThat(storage.stat("dir")).isEmpty();
    assertThatThrownBy(() -> storage.open("dir")).isInstanceOf(NoSuchObjectException.class);
    assertThatThrownBy(() -> storage.copy("dir", "x.wav"))
        .isInstanceOf(NoSuchObjectException.class);
    storage.delete("dir");
    assertThat(storage.stat("dir/a.wav")).isPresent();
  }

  @Test
  void copyPromotesBytesAndContentTypeAndKeepsTheSource() throws Exception {
    byte[] bytes = randomBytes(5000);
    storage.put("staged/run-1/audio.wav", bytes, WAV);

    storage.copy("staged/run-1/audio.wav", "generations/g1/audio.wav");

    assertThat(storage.stat("generations/g1/audio.wav"))
        .contains(new ObjectInfo("generations/g1/audio.wav", 5000, WAV));
    assertThat(read("generations/g1/audio.wav")).isEqualTo(bytes);
    assertThat(read("staged/run-1/audio.wav")).isEqualTo(bytes);
  }

  @Test
  void copyReplacesTheTarget() throws Exception {
    storage.put("a.png", new byte[] {1}, PNG);
    storage.put("b.wav", new byte[] {2, 2}, WAV);

    storage.copy("a.png", "b.wav");

    assertThat(storage.stat("b.wav")).contains(new ObjectInfo("b.wav", 1, PNG));
  }

  @Test
  void copyOfMissingObjectIsNoSuchObject() {
    assertThatThrownBy(() -> storage.copy("staged/none.wav", "generations/none.wav"))
        .isInstanceOf(NoSuchObjectException.class);
    assertThat(storage.stat("generations/none.wav")).isEmpty();
  }

  @Test
  void copyOntoItselfLeavesTheObject() throws Exception {
    storage.put("same.wav", new byte[] {7}, WAV);

    storage.copy("same.wav", "same.wav");

    assertThat(read("same.wav")).containsExactly(7);
    assertThatThrownBy(() -> storage.copy("gone.wav", "gone.wav"))
        .isInstanceOf(NoSuchObjectException.class);
  }

  @Test
  void deleteRemovesTheObjectAndIsIdempotent() {
    storage.put("d/x.wav", new byte[] {1}, WAV);

    storage.delete("d/x.wav");
    storage.delete("d/x.wav");

    assertThat(storage.stat("d/x.wav")).isEmpty();
  }

  @Test
  void deletePrefixDeletesOnlyMatchingKeysAndCountsThem() {
    storage.put("staged/run-1/audio.wav", new byte[] {1}, WAV);
    storage.put("staged/run-1/cover/art.png", new byte[] {2}, PNG);
    storage.put("staged/run-10/audio.wav", new byte[] {3}, WAV);
    storage.put("generations/g1/audio.wav", new byte[] {4}, WAV);

    assertThat(storage.deletePrefix("staged/run-1/")).isEqualTo(2);
    assertThat(storage.deletePrefix("staged/run-1/")).isZero();

    assertThat(storage.list("staged/")).containsExactly("staged/run-10/audio.wav");
    assertThat(storage.stat("generations/g1/audio.wav")).isPresent();
  }

  @Test
  void deletePrefixGoesThroughManyPages() {
    IntStream.range(0, 7)
        .forEach(i -> storage.put("staged/many/" + i + ".wav", new byte[] {1}, WAV));

    assertThat(storage.deletePrefix("staged/many/")).isEqualTo(7);
    assertThat(storage.list("staged/")).isEmpty();
  }

  @Test
  void listReturnsSortedKeysMatchingByPlainPrefix() {
    List<String> keys =
        List.of("staged/run-10/a.wav", "staged/run-1/b/c.png", "staged/run-1/a.wav", "other/z.wav");
    keys.forEach(key -> storage.put(key, new byte[] {1}, WAV));

    assertThat(storage.list("staged/run-1"))
        .containsExactly("staged/run-1/a.wav", "staged/run-1/b/c.png", "staged/run-10/a.wav");
    assertThat(storage.list("staged/run-1/"))
        .containsExactly("staged/run-1/a.wav", "staged/run-1/b/c.png");
    assertThat(storage.list("st")).hasSize(3);
    assertThat(storage.list("staged/run-1/a.wav")).containsExactly("staged/run-1/a.wav");
    assertThat(storage.list("missing/")).isEmpty();
  }

  @Test
  void listGoesThroughManyPages() {
    IntStream.range(0, 7).forEach(i -> storage.put("p/" + i + ".wav", new byte[] {1}, WAV));

    assertThat(storage.list("p/")).hasSize(7).isSorted();
  }

  @Test
  void signedUrlDownloadsTheObject() throws Exception {
    byte[] bytes = randomBytes(70_000);
    storage.put("generations/g1/song.wav", bytes, WAV);

    URI url = storage.signedUrl("generations/g1/song.wav", Duration.ofHours(1));

    assertThat(download(url)).isEqualTo(bytes);
  }

  @Test
  void signedUrlNeedsAPositiveTtl() {
    assertThatThrownBy(() -> storage.signedUrl("k.wav", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.signedUrl("k.wav", Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "/leading",
        "trailing/",
        "double//slash",
        "../up",
        "a/../b",
        "a/./b",
        "..",
        ".hidden",
        "a/.signing-key",
        "space here",
        "query?x",
        "percent%2F",
        "back\\slash",
        "colon:x",
        "ümlaut",
        "tab\tx"
      })
  void invalidKeysAreRejectedByEveryOperation(String key) {
    List<Consumer<String>> operations = List.of(
        k -> storage.put(k, new byte[] {1}, WAV),
        k -> storage.put(k, scratch, WAV),
        storage::open,
        storage::stat,
        k -> storage.copy(k, "ok.wav"),
        k -> storage.copy("ok.wav", k),
        storage::delete,
        k -> storage.signedUrl(k, Duration.ofMinutes(1)));
    for (Consumer<String> operation : operations) {
      assertThatThrownBy(() -> operation.accept(key)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void overlongKeysAreRejectedAndTheLongestIsAccepted() {
    String segment = "x".repeat(StorageArguments.MAX_SEGMENT_LENGTH);
    String longest = String.join("/", segment, segment, "y".repeat(110));
    assertThat(longest).hasSize(StorageArguments.MAX_KEY_LENGTH);
    storage.put(longest, new byte[] {1}, WAV);
    assertThat(storage.stat(longest)).isPresent();
    assertThat(storage.list(segment + "/")).containsExactly(longest);

    assertThatThrownBy(() -> storage.put(longest + "y", new byte[] {1}, WAV))
        .as("key too long")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.put(segment + "x", new byte[] {1}, WAV))
        .as("segment too long")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysMayUseTheWholeAllowedAlphabet() throws Exception {
    String key = "AZaz09/_under-dash/v1.2.3_final-mix.tar.gz";
    storage.put(key, new byte[] {9}, "application/gzip");

    assertThat(read(key)).containsExactly(9);
    assertThat(storage.list("AZaz09/")).containsExactly(key);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"/", "/a", "a//", "../", "a/../", ".x/", "a b/"})
  void invalidPrefixesAreRejected(String prefix) {
    assertThatThrownBy(() -> storage.list(prefix)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.deletePrefix(prefix))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"wav", "audio/wav\nX-Evil: 1", "audio/"})
  void invalidContentTypesAreRejected(String contentType) {
    assertThatThrownBy(() -> storage.put("k.wav", new byte[] {1}, contentType))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(storage.stat("k.wav")).isEmpty();
  }

  protected byte[] read(String key) throws Exception {
    try (InputStream in = storage.open(key)) {
      return in.readAllBytes();
    }
  }

  protected static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
