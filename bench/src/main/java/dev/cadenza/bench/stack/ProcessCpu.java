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

  /**
   * CPU seconds of the PostgreSQL server whose data directory this is (its postmaster and
   * backends); 0 when none runs. The embedded server daemonizes, so it is no descendant of the
   * process that started it.
   */
  public static double postgres(Path dataDirectory) {
    String flag = "-D " + dataDirectory.toAbsolutePath();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(flag)).orElse(false))
        .mapToDouble(p -> withDescendants(p.pid()))
        .sum();
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
