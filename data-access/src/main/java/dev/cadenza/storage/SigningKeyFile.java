package dev.cadenza.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The URL signing key of local storage when none is configured: 32 random bytes generated once and
 * kept next to the files, so signed URLs handed out before a restart keep working after it.
 *
 * <p>The file holds the key as base64url text and the HMAC key is that text's UTF-8 bytes, the same
 * way a configured {@code app.storage.signing-key} is used; so the file's content can be moved into
 * configuration unchanged.
 */
final class SigningKeyFile {

  private static final int RANDOM_BYTES = 32;

  private SigningKeyFile() {}

  /** The key in {@code file}, creating the file with a fresh random key if it does not exist. */
  static byte[] loadOrCreate(Path file) {
    try {
      if (Files.notExists(file)) {
        create(file);
      }
      return Files.readString(file, StandardCharsets.UTF_8)
          .strip()
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the signing key " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] random = new byte[RANDOM_BYTES];
    new SecureRandom().nextBytes(random);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);

    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = createOwnerOnlyTempFile(dir);
    try {
      Files.writeString(temp, text + "\n", StandardCharsets.UTF_8);
      // A hard link never replaces an existing file: when two processes sharing the directory
      // (API and worker) start together, one wins and the other reads the winner's key instead
      // of overwriting it and invalidating URLs already signed with it.
      Files.createLink(file, temp);
    } catch (FileAlreadyExistsException anotherProcessWon) {
      // Keep theirs.
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path createOwnerOnlyTempFile(Path dir) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempFile(
          dir,
          ".signing-key",
          ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return Files.createTempFile(dir, ".signing-key", ".tmp");
  }
}
