package dev.cadenza.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Without {@code APP_ADMIN_API_KEY}, the admin key is generated once and kept in the data
 * directory, readable by its owner only, so a local setup keeps working across restarts.
 */
final class AdminKeyFile {
  static final String NAME = "admin-api-key";

  static String readOrCreate(Path dataDir) {
    Path file = dataDir.resolve(NAME);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String key = "cdz_admin_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, key, StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException raced) {
          // another process made it first: use theirs
        } catch (UnsupportedOperationException noPosix) {
          Files.writeString(file, key, StandardCharsets.UTF_8);
        }
      }
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not keep the admin key in " + file, e);
    }
  }

  private AdminKeyFile() {}
}
