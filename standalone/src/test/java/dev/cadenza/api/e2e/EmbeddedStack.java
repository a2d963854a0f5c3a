package dev.cadenza.api.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/** The data directory of the end-to-end tests' embedded stack, emptied once per test JVM. */
final class EmbeddedStack {
  static final String DATA_DIR = "target/e2e-data";

  private static final AtomicBoolean CLEANED = new AtomicBoolean();

  /** Once per JVM: the shared context's PostgreSQL lives in this directory afterwards. */
  static void cleanDataDir() {
    if (!CLEANED.compareAndSet(false, true)) {
      return;
    }
    Path dir = Path.of(DATA_DIR);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private EmbeddedStack() {}
}
