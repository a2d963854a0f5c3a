package dev.cadenza.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the machine was: load averages, and CPU time of the whole machine (/proc/stat) so the
 * report can tell the service's and the bench's share from everybody else's.
 */
final class MachineLoad {
  private static final double TICKS_PER_SECOND = 100;

  /** The three load averages of /proc/loadavg, as text; "" where unavailable. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** CPU seconds all processes of the machine have used (user, nice, system, irq, softirq, steal). */
  static double machineBusySeconds() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** CPU seconds of this JVM (the bench). */
  static double benchCpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private MachineLoad() {}
}
