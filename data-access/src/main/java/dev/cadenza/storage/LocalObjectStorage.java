package dev.cadenza.storage;

import static dev.cadenza.storage.StorageArguments.requireContentType;
import static dev.cadenza.storage.StorageArguments.requireKey;
import static dev.cadenza.storage.StorageArguments.requirePositive;
import static dev.cadenza.storage.StorageArguments.requirePrefix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ObjectStorage} on the local filesystem, for the embedded default and tests.
 *
 * <p>Layout under the root: the object for key {@code a/b/song.wav} is the file {@code
 * a/b/song.wav}; its content type is the one-line sidecar {@code a/b/.song.wav.content-type} (kept
 * rather than guessed from the extension, so what the writer said is what readers get, as on S3).
 * Dot-names can never be keys, so sidecars, the {@code .tmp} directory and {@code .signing-key}
 * never show up in listings and cannot be opened through a key.
 *
 * <p>Every write goes to a file in {@code .tmp} first and is then renamed into place, so a reader
 * never sees a half-written object. Content type and bytes are two renames, so two writers racing
 * on one key with different types may leave a mismatched pair; keys here are written once.
 *
 * <p>Signed URLs point at the API's download endpoint and are checked there with the same {@link
 * UrlSigner}.
 */
public final class LocalObjectStorage implements ObjectStorage {

  private static final String FALLBACK_CONTENT_TYPE = "application/octet-stream";

  private final Path root;
  private final Supplier<URI> publicBaseUrl;
  private final UrlSigner signer;
  private final Clock clock;
  private final LocalFileTree tree;

  /**
   * @param root directory holding the objects; created if missing
   * @param publicBaseUrl the API's externally visible base URL, e.g. {@code
   *     https://api.example.com}
   */
  public LocalObjectStorage(Path root, URI publicBaseUrl, UrlSigner signer, Clock clock) {
    this(root, () -> publicBaseUrl, signer, clock);
  }

  /**
   * @param publicBaseUrl asked for each URL, so it can name a port chosen when the server
   *     started (SERVER_PORT=0)
   */
  public LocalObjectStorage(Path root, Supplier<URI> publicBaseUrl, UrlSigner signer, Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.publicBaseUrl = publicBaseUrl;
    this.signer = signer;
    this.clock = clock;
    this.tree = new LocalFileTree(this.root);
  }

  @Override
  public void put(String key, Path file, String contentType) {
    Path target = pathOf(requireKey(key));
    requireContentType(contentType);
    io(() -> {
      writeContentType(target, contentType);
      tree.replace(target, temp -> Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING));
    });
  }

  @Override
  public void put(String key, byte[] bytes, String contentType) {
    Path target = pathOf(requireKey(key));
    requireContentType(contentType);
    io(() -> {
      writeContentType(target, contentType);
      tree.replace(target, temp -> Files.write(temp, bytes));
    });
  }

  @Override
  public InputStream open(String key) {
    Path path = pathOf(requireKey(key));
    try {
      if (!Files.isRegularFile(path)) {
        // A directory is only the shared prefix of other keys, not an object.
        throw new NoSuchFileException(path.toString());
      }
      return Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new NoSuchObjectException(key, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    Path path = pathOf(requireKey(key));
    try {
      return Optional.of(new ObjectInfo(key, Files.size(path), readContentType(path)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void copy(String fromKey, String toKey) {
    Path source = pathOf(requireKey(fromKey));
    Path target = pathOf(requireKey(toKey));
    if (source.equals(target)) {
      stat(fromKey).orElseThrow(() -> new NoSuchObjectException(fromKey));
      return;
    }
    try {
      String contentType = readContentType(source);
      Path copied =
          tree.stage(temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
      writeContentType(target, contentType);
      tree.moveIntoPlace(copied, target);
    } catch (NoSuchFileException e) {
      throw new NoSuchObjectException(fromKey, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void delete(String key) {
    Path path = pathOf(requireKey(key));
    io(() -> deleteObject(path));
  }

  @Override
  public int deletePrefix(String prefix) {
    int deleted = 0;
    for (String key : list(prefix)) {
      try {
        deleted += deleteObject(pathOf(key)) ? 1 : 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return deleted;
  }

  @Override
  public List<String> list(String prefix) {
    requirePrefix(prefix);
    // Only the deepest directory named completely by the prefix can hold matches.
    int lastSlash = prefix.lastIndexOf('/');
    Path start = lastSlash < 0 ? root : pathOf(prefix.substring(0, lastSlash));
    try {
      return tree.keysUnder(start).stream()
          .filter(k -> k.startsWith(prefix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public URI signedUrl(String key, Duration ttl) {
    requireKey(key);
    long expires = clock.instant().plus(requirePositive(ttl)).getEpochSecond();
    // Keys and base64url signatures are URL-safe as they are: nothing to encode.
    return URI.create(publicBaseUrl.get().toString().replaceAll("/+$", "") + "/v1/files/" + key
        + "?expires=" + expires + "&signature=" + signer.sign(key, expires));
  }

  /**
   * The API's own upload endpoint ({@code PUT /v1/files/{key}}) stands in for S3's presigned PUT.
   * The signature covers the method, key, content type and size (see {@link #uploadScope}), so a
   * download link cannot be replayed as an upload, nor an upload link for other bytes.
   */
  @Override
  public PresignedUpload presignUpload(
      String key, String contentType, long sizeBytes, Duration ttl) {
    requireKey(key);
    requireContentType(contentType);
    if (sizeBytes < 1) {
      throw new IllegalArgumentException("sizeBytes must be positive: " + sizeBytes);
    }
    Instant expiresAt = clock.instant().plus(requirePositive(ttl));
    long expires = expiresAt.getEpochSecond();
    String signature = signer.sign(uploadScope(key, contentType, sizeBytes), expires);
    URI url = URI.create(publicBaseUrl.get().toString().replaceAll("/+$", "") + "/v1/files/" + key
        + "?contentType=" + URLEncoder.encode(contentType, StandardCharsets.UTF_8) + "&size="
        + sizeBytes + "&expires=" + expires + "&signature=" + signature);
    return new PresignedUpload(
        url, "PUT", Map.of("Content-Type", contentType), Instant.ofEpochSecond(expires));
  }

  /**
   * What an upload URL's signature signs. Newlines cannot occur in keys, so no download
   * signature (which signs a bare key) ever verifies as an upload one, or the other way round.
   */
  public static String uploadScope(String key, String contentType, long sizeBytes) {
    return "PUT\n" + key + "\n" + contentType + "\n" + sizeBytes;
  }

  private boolean deleteObject(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      return false;
    }
    boolean existed = Files.deleteIfExists(path);
    Files.deleteIfExists(contentTypeFile(path));
    tree.pruneEmptyParents(path);
    return existed;
  }

  private void writeContentType(Path object, String contentType) throws IOException {
    tree.replace(
        contentTypeFile(object),
        temp -> Files.writeString(temp, contentType, StandardCharsets.UTF_8));
  }

  private String readContentType(Path object) throws IOException {
    if (!Files.isRegularFile(object)) {
      throw new NoSuchFileException(object.toString());
    }
    try {
      return Files.readString(contentTypeFile(object), StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      // Put there by hand, or a crash between the two renames of a put.
      return FALLBACK_CONTENT_TYPE;
    }
  }

  private static Path contentTypeFile(Path object) {
    return object.resolveSibling("." + object.getFileName() + ".content-type");
  }

  private Path pathOf(String validKey) {
    Path path = root.resolve(validKey).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      // Unreachable with validated keys; a second wall in front of the rest of the disk.
      throw new IllegalArgumentException("Key escapes the storage root: " + validKey);
    }
    return path;
  }

  private static void io(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}
