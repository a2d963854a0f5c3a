package dev.cadenza.bench;

import dev.cadenza.bench.stack.ManagedProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPU job executions read from the workers' logs: ModelPool writes one line when a job starts on
 * a slot and one when it ends, with the slot time it used ({@code gpuSeconds}, the same value
 * that {@code cadenza_gpu_seconds_total} adds up). A job still running when its worker was killed
 * has no end line: it spent its slot until the kill.
 */
public final class GpuJobLog {
  private static final Pattern STARTED =
      Pattern.compile("job (\\S+) started, model=(\\S+) slot=(\\d+)");
  private static final Pattern FINISHED = Pattern.compile(
      "job (\\S+) finished, model=(\\S+) slot=(\\d+) state=(\\S+) gpuSeconds=([0-9.,]+)");

  /**
   * One run of a model for a job id on one worker lifetime.
   *
   * @param ended when it left its slot: its end line, or the kill of its worker
   * @param state COMPLETED, FAILED, CANCELED, ... or KILLED
   */
  public record Execution(
      String jobId,
      String model,
      String worker,
      int slot,
      Instant started,
      Instant ended,
      String state,
      double gpuSeconds) {

    public boolean completed() {
      return state.equals("COMPLETED");
    }

    /** The generation of a job id {@code <type>-<generationId>:<Step>[...]}, or null. */
    String generationId() {
      int colon = jobId.indexOf(':');
      int dash = jobId.lastIndexOf("-gen_", colon < 0 ? jobId.length() : colon);
      return dash < 0 || colon < 0 ? null : jobId.substring(dash + 1, colon);
    }
  }

  public static List<Execution> read(List<ManagedProcess.Lifetime> lifetimes) {
    List<Execution> all = new ArrayList<>();
    for (ManagedProcess.Lifetime lifetime : lifetimes) {
      all.addAll(read(lifetime));
    }
    return all;
  }

  public static List<Execution> read(ManagedProcess.Lifetime lifetime) {
    Path log = lifetime.log();
    String worker = log.getFileName().toString();
    List<Execution> executions = new ArrayList<>();
    Map<String, Deque<String[]>> running = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(log)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.contains("job ")) {
          continue;
        }
        Matcher started = STARTED.matcher(line);
        if (started.find()) {
          running
              .computeIfAbsent(started.group(1), k -> new ArrayDeque<>())
              .add(new String[] {started.group(2), started.group(3), timestamp(line)});
          continue;
        }
        Matcher finished = FINISHED.matcher(line);
        if (finished.find()) {
          Deque<String[]> open = running.get(finished.group(1));
          String[] start = open == null ? null : open.poll();
          double gpuSeconds = Double.parseDouble(finished.group(5).replace(',', '.'));
          // The end is the start plus the slot time the worker measured: the end line is written
          // after the slot went to the next job, whose start line may come first.
          Instant begin = start == null
              ? Instant.parse(timestamp(line)).minusNanos(Math.round(gpuSeconds * 1e9))
              : Instant.parse(start[2]);
          executions.add(new Execution(
              finished.group(1),
              finished.group(2),
              worker,
              Integer.parseInt(finished.group(3)),
              begin,
              begin.plusNanos(Math.round(gpuSeconds * 1e9)),
              finished.group(4),
              gpuSeconds));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
    if (lifetime.killed() != null) {
      running.forEach((jobId, open) -> open.forEach(start -> {
        Instant from = Instant.parse(start[2]);
        executions.add(new Execution(
            jobId,
            start[0],
            worker,
            Integer.parseInt(start[1]),
            from,
            lifetime.killed(),
            "KILLED",
            Math.max(0, (lifetime.killed().toEpochMilli() - from.toEpochMilli()) / 1000.0)));
      }));
    }
    return executions;
  }

  /** The ISO timestamp a log line starts with, as an Instant string. */
  private static String timestamp(String line) {
    int space = line.indexOf(' ');
    String first = space < 0 ? line : line.substring(0, space);
    try {
      return OffsetDateTime.parse(first).toInstant().toString();
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("a GPU job line without an ISO timestamp: " + line, e);
    }
  }

  private GpuJobLog() {}
}
