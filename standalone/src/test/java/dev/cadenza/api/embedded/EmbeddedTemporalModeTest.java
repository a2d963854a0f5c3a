package dev.cadenza.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedTemporalModeTest {
  @TempDir
  Path dir;

  @Test
  void parsesTheDocumentedValuesAndRefusesOthersByName() {
    assertThat(EmbeddedTemporalMode.parse("")).isEqualTo(EmbeddedTemporalMode.AUTO);
    assertThat(EmbeddedTemporalMode.parse("Auto")).isEqualTo(EmbeddedTemporalMode.AUTO);
    assertThat(EmbeddedTemporalMode.parse("cli")).isEqualTo(EmbeddedTemporalMode.CLI);
    assertThat(EmbeddedTemporalMode.parse("test-server"))
        .isEqualTo(EmbeddedTemporalMode.TEST_SERVER);
    assertThatThrownBy(() -> EmbeddedTemporalMode.parse("docker"))
        .hasMessageContaining("APP_EMBEDDED_TEMPORAL")
        .hasMessageContaining("auto, cli or test-server");
  }

  @Test
  void findsTheCliOnThePathOrWhereConfigured() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path cli = Files.createFile(
        bin.resolve("temporal"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    assertThat(EmbeddedTemporalMode.findCli("", empty + ":" + bin)).contains(cli);
    assertThat(EmbeddedTemporalMode.findCli(null, empty.toString())).isEmpty();
    assertThat(EmbeddedTemporalMode.findCli(cli.toString(), empty.toString())).contains(cli);
    assertThatThrownBy(() -> EmbeddedTemporalMode.findCli(dir.resolve("nope").toString(), ""))
        .hasMessageContaining("APP_TEMPORAL_CLI");
  }
}
