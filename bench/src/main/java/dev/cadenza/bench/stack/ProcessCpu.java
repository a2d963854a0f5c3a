package dev.cadenza.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process from /proc (Linux); 0 where that is not available. */
public final class ProcessCpu {
  // USER_HZ: 100 on every mainstream Linux build.
  private static final double TICKS_PER_SECOND = 100;

  /**
   * User + system CPU seconds of the process and of its live descendants (the embedded
   * PostgreSQL runs as child processes) so far.
   */
  public static double withDescendants(long pid) {
    return seconds(pid)
        + ProcessHandle.of(pid)
            .map(p -> p.descendants().mapToDouble(d -> seconds(d.pid())).sum())
            .orElse(0.0);
  }

  /** User + system CPU seconds of the process so far. */
  public static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private ProcessCpu() {}
}
