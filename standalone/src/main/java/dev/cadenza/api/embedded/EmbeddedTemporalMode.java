package dev.cadenza.api.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which Temporal server the one-command service runs when no {@code TEMPORAL_ADDRESS} is given
 * ({@code APP_EMBEDDED_TEMPORAL}): {@code auto} takes the Temporal CLI's dev server when a CLI is
 * found (durable: workflows survive restarts) and falls back to the SDK's in-memory test server;
 * {@code cli} insists on the CLI (CI uses it, so a missing CLI fails instead of silently testing
 * something else); {@code test-server} always takes the in-memory one.
 */
enum EmbeddedTemporalMode {
  AUTO,
  CLI,
  TEST_SERVER;

  static EmbeddedTemporalMode parse(String value) {
    String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return normalized.isEmpty() ? AUTO : valueOf(normalized);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "APP_EMBEDDED_TEMPORAL must be auto, cli or test-server, not '" + value + "'");
    }
  }

  /**
   * The CLI binary: {@code APP_TEMPORAL_CLI} when set (it must exist), else {@code temporal} on
   * the {@code PATH}.
   */
  static Optional<Path> findCli(String configured, String path) {
    if (configured != null && !configured.isBlank()) {
      Path cli = Path.of(configured);
      if (!Files.isExecutable(cli)) {
        throw new IllegalArgumentException(
            "APP_TEMPORAL_CLI is " + configured + ", which is not an executable file");
      }
      return Optional.of(cli);
    }
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, "temporal");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
