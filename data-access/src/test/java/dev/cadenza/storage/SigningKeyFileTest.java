package dev.cadenza.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyFileTest {

  @TempDir
  Path dir;

  @Test
  void generatesOnceAndThenKeepsTheSameKey() throws Exception {
    Path file = dir.resolve("storage/.signing-key");

    byte[] first = SigningKeyFile.loadOrCreate(file);
    byte[] second = SigningKeyFile.loadOrCreate(file);

    assertThat(first).hasSize(43).isEqualTo(second);
    assertThat(Files.readString(file).strip().getBytes()).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void differentDirectoriesGetDifferentKeys() {
    assertThat(SigningKeyFile.loadOrCreate(dir.resolve("a/.signing-key")))
        .isNotEqualTo(SigningKeyFile.loadOrCreate(dir.resolve("b/.signing-key")));
  }

  @Test
  void aKeyPutThereByHandIsUsedAsIs() throws Exception {
    Path file =
        Files.writeString(dir.resolve(".signing-key"), "my-own-secret-of-at-least-32-bytes!\n");

    assertThat(new String(SigningKeyFile.loadOrCreate(file)))
        .isEqualTo("my-own-secret-of-at-least-32-bytes!");
  }
}
